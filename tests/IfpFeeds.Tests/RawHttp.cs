using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Requests written byte for byte on a socket, for what <see cref="HttpClient"/> will not send: no Host
/// header at all, or a Host it would refuse. The answer is read until the server closes the connection.
/// </summary>
public static class RawHttp
{
    /// <summary>The loopback port of an app started with <c>UseKestrel</c>.</summary>
    public static int PortOf(TestApp app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    /// <summary>Sends <paramref name="request"/> (CRLF line ends, ending with an empty line) and returns the status and the whole answer.</summary>
    public static async Task<(int Status, string Head, string Body)> SendAsync(int port, string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await stream.CopyToAsync(read, timeout.Token);
        var text = Encoding.UTF8.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, head, split < 0 ? "" : text[(split + 4)..]);
    }
}
