using System.Net;
using System.Net.Sockets;

namespace IfpFeeds.WebSub;

/// <summary>
/// The HTTP handler for requests to URLs strangers give (WebSub callbacks, hub pings): no proxy, no redirects, no
/// cookies, no decompression, bounded headers, a connect timeout, and a connect step that resolves the host itself and
/// connects only to an address <see cref="OutboundAddresses.IsPublic"/> allows (unless private ones are allowed). The
/// check is made at every connection, on the address actually connected to, so a DNS answer that changes between the
/// subscription's check and the delivery (rebinding) cannot reach an internal address.
/// </summary>
public static class OutboundHttp
{
    /// <summary>A handler as above; <paramref name="allowPrivate"/> lifts the address rule (tests, private deployments).</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = connectTimeout,
        MaxResponseHeadersLength = 16, // KiB
        MaxConnectionsPerServer = 4,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2), // a pooled connection is not kept past a DNS change for long
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
    };

    /// <summary>
    /// The addresses of <paramref name="host"/> (an IP literal, or a name resolved now) that a request may reach; empty
    /// when none may. With <paramref name="allowPrivate"/> false, a name with any non-public address is refused whole.
    /// </summary>
    public static async Task<IPAddress[]> AllowedAddressesAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return allowPrivate || addresses.All(OutboundAddresses.IsPublic) ? addresses : [];
    }

    /// <summary>
    /// Whether <paramref name="ex"/> is an outbound request failing on the other side (unreachable, refused, timed out, cut
    /// off, an address the rule forbids) rather than this service stopping (<paramref name="ct"/> cancelled).
    /// </summary>
    public static bool Failed(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested;

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await AllowedAddressesAsync(endPoint.Host, allowPrivate, ct);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                $"'{endPoint.Host}' is, or resolves to, an address outbound requests may not reach (loopback, private, link-local, …)");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct); // only the addresses checked above
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
