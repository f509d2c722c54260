namespace IfpFeeds.Feeds;

/// <summary>
/// A kind of feed (every section, all articles, the digest; tags and authors next). <see cref="FeedsApi"/>
/// asks each registered source in turn for a feed name, so a new kind of feed is a new source, registered
/// with <c>services.AddSingleton&lt;IFeedSource, …&gt;()</c>: no renderer and no endpoint changes.
/// </summary>
public interface IFeedSource
{
    /// <summary>
    /// The feed called <paramref name="name"/> in the current content, without building anything (this is
    /// on every request's path: no allocation). False when this source has no such feed.
    /// </summary>
    bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed);

    /// <summary>A page of a feed this source found, as the shared model (on a cache miss only).</summary>
    FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl);

    /// <summary>Every feed this source has now, in a stable order: for lists of feeds (OPML) and the feeds' own routes.</summary>
    IEnumerable<FeedListing> Listings();
}
