using System.Collections.Concurrent;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Http;

/// <summary>
/// The absolute URLs the service writes: from <c>Feeds:BaseUrl</c> when set, otherwise from the request's
/// scheme, host and path base; and the paths of its pages and feeds. Ids never come from here (they must not
/// depend on the host): see <c>TagUris</c>.
/// </summary>
public sealed class PublicUrls(IOptions<FeedsOptions> options)
{
    /// <summary>Base URLs of request origins kept at most (a client can send any Host: the rest are built per request).</summary>
    private const int MaxRemembered = 1_000;

    private readonly Uri? _configured = string.IsNullOrEmpty(options.Value.BaseUrl) ? null : WithSlash(new Uri(options.Value.BaseUrl));
    private readonly ConcurrentDictionary<RequestOrigin, Uri> _bases = new();

    /// <summary>The base URL <c>Feeds:BaseUrl</c> sets (ending in '/'); null when links follow each request.</summary>
    public Uri? Configured => _configured;

    /// <summary>
    /// The origin whose base URL is <paramref name="baseUrl"/>, as a request would give it (the empty one when
    /// <c>Feeds:BaseUrl</c> is set): for work done outside a request that must share its cache entries.
    /// </summary>
    public RequestOrigin OriginFor(Uri baseUrl) =>
        _configured is not null ? default : new RequestOrigin(baseUrl.Scheme, baseUrl.Authority, Uri.UnescapeDataString(baseUrl.AbsolutePath.TrimEnd('/')));

    /// <summary>
    /// What the links of a response to <paramref name="request"/> depend on (nothing when <c>Feeds:BaseUrl</c> is
    /// set). The Host header is taken as sent: <see cref="HttpRequest.Host"/> decodes it and throws on some
    /// (<c>xn--</c>), and any value a client sends must end in an answer, not an exception.
    /// </summary>
    public RequestOrigin OriginOf(HttpRequest request) =>
        _configured is not null ? default : new RequestOrigin(request.Scheme, (string?)request.Headers.Host, request.PathBase.Value);

    /// <summary>The base URL (ending in '/') for <paramref name="request"/>.</summary>
    public Uri BaseFor(HttpRequest request) => BaseFor(OriginOf(request));

    /// <summary>
    /// The base URL (ending in '/') of <paramref name="origin"/>. A Host that cannot make an absolute http(s)
    /// URL (none at all in HTTP/1.0, a port over 65535, <c>a..b</c>, <c>xn--</c>) is the client's error: a
    /// <see cref="BadHttpRequestException"/>, answered 400 by <see cref="ProblemResponses"/>, never a 500.
    /// </summary>
    public Uri BaseFor(in RequestOrigin origin)
    {
        if (_configured is not null)
        {
            return _configured;
        }

        if (_bases.TryGetValue(origin, out var known))
        {
            return known;
        }

        var built = Build(origin);
        if (_bases.Count < MaxRemembered)
        {
            _bases.TryAdd(origin, built);
        }

        return built;
    }

    private static Uri Build(in RequestOrigin origin)
    {
        // The header is already in its URI form (RFC 9110 §7.2: uri-host [ ":" port ]).
        var text = $"{origin.Scheme}://{origin.Host}{new PathString(origin.PathBase).ToUriComponent()}/";
        if (string.IsNullOrEmpty(origin.Host)
            || !DecodesAsHost(origin.Host)
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.Host.Length == 0)
        {
            throw new BadHttpRequestException(
                $"The Host header '{Problems.Echo(origin.Host ?? "")}' cannot form the absolute URL links are built from; send a valid host name (and port).",
                StatusCodes.Status400BadRequest);
        }

        return uri;
    }

    /// <summary>Whether the framework itself can read <paramref name="host"/> (an invalid IDN label such as <c>xn--</c> it cannot).</summary>
    private static bool DecodesAsHost(string host)
    {
        try
        {
            _ = HostString.FromUriComponent(host);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary><c>/articles/{id}</c>, the article page.</summary>
    public static Uri Article(Uri baseUrl, string id) => new(baseUrl, "articles/" + Uri.EscapeDataString(id));

    /// <summary><c>/sections/{slug}</c>, a section's page (slugs may be Persian: escaped).</summary>
    public static Uri Section(Uri baseUrl, string slug) => new(baseUrl, "sections/" + Uri.EscapeDataString(slug));

    /// <summary><c>/tags/{slug}</c>, a tag's page.</summary>
    public static Uri Tag(Uri baseUrl, string slug) => new(baseUrl, "tags/" + Uri.EscapeDataString(slug));

    /// <summary><c>/authors/{slug}</c>, an author's page.</summary>
    public static Uri Author(Uri baseUrl, string slug) => new(baseUrl, "authors/" + Uri.EscapeDataString(slug));

    /// <summary><c>/feeds/{name}.{extension}[?query]</c>, a feed.</summary>
    public static Uri Feed(Uri baseUrl, string name, string extension, string? query = null) =>
        new(baseUrl, "feeds/" + EscapeSegments(name) + "." + extension + (string.IsNullOrEmpty(query) ? "" : "?" + query));

    /// <summary>Each <c>/</c>-separated segment of <paramref name="path"/> escaped (a tag's feed is <c>tag/{slug}</c>).</summary>
    public static string EscapeSegments(string path) =>
        path.Contains('/', StringComparison.Ordinal) ? string.Join('/', path.Split('/').Select(Uri.EscapeDataString)) : Uri.EscapeDataString(path);

    /// <summary><c>/websub</c>, the built-in WebSub hub.</summary>
    public static Uri Hub(Uri baseUrl) => new(baseUrl, "websub");

    /// <summary>Any other path below the base URL (<c>recent</c>, <c>site.css</c>, <c>feeds.opml</c>).</summary>
    public static Uri Path(Uri baseUrl, string relative) => new(baseUrl, relative);
}
