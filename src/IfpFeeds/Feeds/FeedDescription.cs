namespace IfpFeeds.Feeds;

/// <summary>What a feed says of itself, whatever page of it is shown.</summary>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
/// <param name="Language">The language of its items (<see cref="ContentLanguages"/>); null: <c>Feeds:Language</c>.</param>
public sealed record FeedDescription(string Name, string Title, string Description, string HomePath, string? Language = null);
