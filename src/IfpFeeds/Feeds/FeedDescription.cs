namespace IfpFeeds.Feeds;

/// <summary>What a feed says of itself, whatever page of it is shown.</summary>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
public sealed record FeedDescription(string Name, string Title, string Description, string HomePath);
