using System.Collections.Immutable;

namespace IfpFeeds.Feeds;

/// <summary>One item of a feed.</summary>
/// <param name="Id">A tag: URI built from the article id alone: stable across edits and hosts.</param>
/// <param name="Link">The capture's <c>url</c> where given, else the service's own article page.</param>
/// <param name="ContentHtml">The whole article as HTML paragraphs, every text HTML-encoded.</param>
/// <param name="AuthorUrl">The author's page on this service, where the article names its own author (not the site's fallback).</param>
/// <param name="Categories">The section first, then the tags.</param>
/// <param name="Language">Its language where it differs from its feed's (a Persian article in <c>all</c>); null otherwise.</param>
public sealed record FeedEntry(
    string Id,
    string Title,
    Uri Link,
    string Summary,
    string ContentHtml,
    string? Author,
    Uri? AuthorUrl,
    ImmutableArray<string> Categories,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    FeedImage? Image,
    string? Language = null);
