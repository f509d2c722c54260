using System.Collections.Immutable;

namespace IfpFeeds.Feeds;

/// <summary>A list of feeds to subscribe to at once (OPML 2.0), built from the feed sources' listings.</summary>
/// <param name="DateModified">The newest item's updated time over every listed feed, never "now".</param>
public sealed record OpmlDocument(string Title, DateTimeOffset DateModified, ImmutableArray<OpmlOutline> Outlines);
