namespace IfpFeeds.Feeds;

/// <summary>One feed in a list of feeds (the OPML).</summary>
/// <param name="Title">The feed's title, as the feed itself gives it.</param>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
/// <param name="Updated">When its newest item was last updated.</param>
public sealed record FeedListing(string Name, string Title, string HomePath, DateTimeOffset Updated);
