using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// RFC 4151 tag: URIs for feed and item ids. Built from a fixed authority and the article id or slug,
/// so an id never changes when an article is edited or the service moves host.
/// </summary>
public static class TagUris
{
    private const string Prefix = "tag:ifpnews.com,2024:";

    public static string Article(string id) => Prefix + "article:" + id;

    public static string Feed(string name) => Prefix + "feed:" + PublicUrls.EscapeSegments(name); // a tag's feed: feed:tag/economy

    /// <summary>The id of anything else: <paramref name="specific"/> is its kind and name, e.g. <c>recent:p0123…</c>.</summary>
    public static string For(string specific) => Prefix + specific;
}
