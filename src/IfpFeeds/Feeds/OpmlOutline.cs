namespace IfpFeeds.Feeds;

/// <summary>One feed of an <see cref="OpmlDocument"/>: its title, its RSS URL and the page it mirrors.</summary>
public sealed record OpmlOutline(string Title, Uri XmlUrl, Uri HtmlUrl);
