using IfpFeeds.Feeds;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Site;

/// <summary>
/// Builds the absolute URLs the service writes: from <c>Feeds:BaseUrl</c> when set, otherwise from the
/// request's scheme, host and path base. Ids never come from here: see <see cref="TagUris"/>.
/// </summary>
public sealed class PublicUrls(IOptions<FeedsOptions> options)
{
    private readonly Uri? _configured = string.IsNullOrEmpty(options.Value.BaseUrl) ? null : WithSlash(new Uri(options.Value.BaseUrl));

    /// <summary>
    /// The cache key of a response: with <c>Feeds:BaseUrl</c> set every request shares one origin; without
    /// it the request's scheme, host and path base are part of the key (their strings are the request's
    /// own, so building the key allocates nothing).
    /// </summary>
    public ResourceKey KeyFor(HttpRequest request, ResourceKind kind, string name, FeedFormat format, int limit, int page) =>
        _configured is not null
            ? new ResourceKey(kind, name, format, limit, page, null, null, null)
            : new ResourceKey(kind, name, format, limit, page, request.Scheme, request.Host.Value, request.PathBase.Value);

    /// <summary>The base URL (ending in '/') for this request.</summary>
    public Uri BaseFor(HttpRequest request) =>
        _configured ?? WithSlash(new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"));

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    /// <summary>A path below the base, each segment escaped (slugs may be Persian).</summary>
    public static Uri Combine(Uri baseUrl, string relative) => new(baseUrl, relative);

    public static Uri Article(Uri baseUrl, string id) => new(baseUrl, "articles/" + Uri.EscapeDataString(id));

    public static Uri Section(Uri baseUrl, string slug) => new(baseUrl, "sections/" + Uri.EscapeDataString(slug));

    public static Uri Feed(Uri baseUrl, string name, string extension, string? query = null) =>
        new(baseUrl, "feeds/" + Uri.EscapeDataString(name) + "." + extension + (string.IsNullOrEmpty(query) ? "" : "?" + query));
}

/// <summary>
/// RFC 4151 tag: URIs for feed and item ids. Built from a fixed authority and the article id or slug,
/// so an id never changes when an article is edited or the service moves host.
/// </summary>
public static class TagUris
{
    private const string Prefix = "tag:ifpnews.com,2024:";

    public static string Article(string id) => Prefix + "article:" + id;

    public static string Feed(string name) => Prefix + "feed:" + Uri.EscapeDataString(name);

    /// <summary>A digest post's id: from its folded title, the one thing that identifies it across captures.</summary>
    public static string RecentPost(string key) => Prefix + "recent:" + RecentPostAnchor(key);

    /// <summary>A short stable hash of a folded title, usable as an id and as a URL fragment.</summary>
    public static string RecentPostAnchor(string key) =>
        "p" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
}
