using System.Collections.Immutable;

namespace IfpFeeds.Feeds;

/// <summary>What every format needs to know about one feed: one shared model, one renderer per format.</summary>
/// <param name="Id">A stable URI (a tag: URI) that never depends on the host serving it.</param>
/// <param name="HomePage">The HTML page the feed mirrors.</param>
/// <param name="Self">This feed's own URL, in this format, with its page and limit.</param>
/// <param name="Updated">The newest updated time of its items, never "now", so the bytes are stable.</param>
/// <param name="Icon">The site's small square icon (Atom <c>icon</c>, JSON Feed <c>favicon</c>).</param>
/// <param name="Logo">The site's large square image (RSS <c>image</c>, Atom <c>logo</c>, JSON Feed <c>icon</c>).</param>
/// <param name="TtlMinutes">How long a reader may keep it (RSS <c>ttl</c>): <c>Cache-Control: max-age</c> in whole minutes, rounded up.</param>
public sealed record FeedDocument(
    string Id,
    string Title,
    string Description,
    string Language,
    Uri HomePage,
    Uri Self,
    DateTimeOffset Updated,
    string SiteTitle,
    FeedPaging Paging,
    ImmutableArray<FeedEntry> Items,
    int TtlMinutes,
    Uri Icon,
    Uri Logo)
{
    /// <summary>
    /// The WebSub hubs that push this feed (W3C WebSub §4): written as <c>atom:link rel="hub"</c> (RSS, Atom) and JSON
    /// Feed <c>hubs</c>. Only a topic has them (page 1 with no query); empty on any other page.
    /// </summary>
    public ImmutableArray<Uri> Hubs { get; init; } = [];

    /// <summary>RSS <c>ttl</c> for a <c>max-age</c> of <paramref name="maxAgeSeconds"/>: the same span, in whole minutes (at least 1).</summary>
    public static int TtlFor(int maxAgeSeconds) => Math.Max(1, (maxAgeSeconds + 59) / 60);
}
