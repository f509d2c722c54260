namespace IfpFeeds.Feeds;

/// <summary>A lead image with a media type guessed from its extension.</summary>
public sealed record FeedImage(Uri Url, string MediaType);
