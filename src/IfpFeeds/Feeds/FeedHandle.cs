namespace IfpFeeds.Feeds;

/// <summary>A feed found by an <see cref="IFeedSource"/>: enough to check a page and look it up in the cache.</summary>
/// <param name="Name">The feed's own name (a section's slug, <c>all</c>, <c>recent</c>): part of its URLs and cache keys.</param>
/// <param name="Content">What the source builds the feed from (an immutable part of a snapshot), so the build shows exactly what was found.</param>
/// <param name="ItemCount">How many items the feed has, over all its pages.</param>
/// <param name="Version">The version of <paramref name="Content"/> that cached answers are rendered from.</param>
/// <param name="Dependency">The change scope cached answers depend on (<c>ChangeScopes</c>).</param>
public readonly record struct FeedHandle(IFeedSource Source, string Name, object Content, int ItemCount, long Version, string Dependency);
