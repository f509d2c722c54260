namespace IfpFeeds.Feeds;

/// <summary>One feed a source has now: its URLs get routes of their own, and listed ones are in the OPML.</summary>
/// <param name="Title">The feed's title, as the feed itself gives it.</param>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
/// <param name="Updated">When its newest item was last updated.</param>
/// <param name="Listed">Whether lists of feeds (the OPML) show it.</param>
/// <param name="Group">The group lists show it in (<c>Sections</c>, <c>Tags</c>, <c>Authors</c>); null: at the top.</param>
public sealed record FeedListing(string Name, string Title, string HomePath, DateTimeOffset Updated, bool Listed = true, string? Group = null);
