namespace IfpFeeds.Feeds;

/// <summary>What a feed says of itself, whatever page of it is shown.</summary>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
/// <param name="Language">The language of its items (<see cref="ContentLanguages"/>); null: <c>Feeds:Language</c>.</param>
/// <param name="Query">The query every URL of the feed carries before its paging (a search's <c>q=oil</c>), escaped; part of its id.</param>
public sealed record FeedDescription(string Name, string Title, string Description, string HomePath, string? Language = null, string? Query = null);
