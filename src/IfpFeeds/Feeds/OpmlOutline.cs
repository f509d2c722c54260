namespace IfpFeeds.Feeds;

/// <summary>One feed of an <see cref="OpmlDocument"/>: its title, its RSS URL, the page it mirrors, and its group (null: at the top).</summary>
public sealed record OpmlOutline(string Title, Uri XmlUrl, Uri HtmlUrl, string? Group = null);
