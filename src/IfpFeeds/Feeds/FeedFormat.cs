namespace IfpFeeds.Feeds;

/// <summary>The formats a feed is served in, by URL extension (<see cref="FeedFormats"/>).</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}
