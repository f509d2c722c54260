using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>What each <see cref="FeedFormat"/> is: its URL extension, media type, label, cache name and renderer.</summary>
public static class FeedFormats
{
    /// <summary>Every format, in the order pages list them.</summary>
    public static IReadOnlyList<FeedFormat> All { get; } = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json];

    /// <summary>The URL extension: <c>rss</c>, <c>atom</c>, <c>json</c>.</summary>
    public static string Extension(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss",
        FeedFormat.Atom => "atom",
        _ => "json",
    };

    /// <summary>The format of a URL extension (exact, lower case); false for any other.</summary>
    public static bool TryParse(ReadOnlySpan<char> extension, out FeedFormat format)
    {
        (var known, format) = extension switch
        {
            "rss" => (true, FeedFormat.Rss),
            "atom" => (true, FeedFormat.Atom),
            "json" => (true, FeedFormat.Json),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The media type, as autodiscovery links and <c>atom:link</c> give it.</summary>
    public static string MediaType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => MediaTypes.Rss,
        FeedFormat.Atom => MediaTypes.Atom,
        _ => MediaTypes.JsonFeed,
    };

    /// <summary>The Content-Type a feed is served with.</summary>
    public static string ContentType(FeedFormat format) => format switch
    {
        FeedFormat.Rss => ContentTypes.Rss,
        FeedFormat.Atom => ContentTypes.Atom,
        _ => ContentTypes.JsonFeed,
    };

    /// <summary>What a person calls it: <c>RSS</c>, <c>Atom</c>, <c>JSON Feed</c>.</summary>
    public static string Label(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "RSS",
        FeedFormat.Atom => "Atom",
        _ => "JSON Feed",
    };

    /// <summary>The resource name of a feed in this format, for cache keys.</summary>
    public static string CacheResource(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "feed.rss",
        FeedFormat.Atom => "feed.atom",
        _ => "feed.json",
    };

    /// <summary>The document in this format: each format has one renderer, which owns its dates and links.</summary>
    public static SegmentedBytes Render(FeedDocument doc, FeedFormat format) => format switch
    {
        FeedFormat.Rss => RssRenderer.Render(doc),
        FeedFormat.Atom => AtomRenderer.Render(doc),
        _ => JsonFeedRenderer.Render(doc),
    };
}
