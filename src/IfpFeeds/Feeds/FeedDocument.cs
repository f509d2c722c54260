using System.Collections.Immutable;

namespace IfpFeeds.Feeds;

/// <summary>The formats a feed is served in, by URL extension.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    Json,
}

/// <summary>What every format needs to know about one feed: one shared model, one renderer per format.</summary>
/// <param name="Id">A stable URI (a tag: URI) that never depends on the host serving it.</param>
/// <param name="HomePage">The HTML page the feed mirrors.</param>
/// <param name="Self">This feed's own URL, in this format, with its page and limit.</param>
/// <param name="Updated">The newest updated time of its items, never "now", so the bytes are stable.</param>
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
    ImmutableArray<FeedEntry> Items);

/// <summary>RFC 5005 §3 paged-feed links; <see cref="Previous"/> and <see cref="Next"/> are null at the ends.</summary>
public sealed record FeedPaging(int Page, int PageCount, Uri First, Uri Last, Uri? Previous, Uri? Next)
{
    /// <summary>This page's own URL.</summary>
    public required Uri Self { get; init; }
}

/// <summary>One item of a feed.</summary>
/// <param name="Id">A tag: URI built from the article id alone: stable across edits and hosts.</param>
/// <param name="Link">The capture's <c>url</c> where given, else the service's own article page.</param>
/// <param name="ContentHtml">The whole article as HTML paragraphs, every text HTML-encoded.</param>
/// <param name="Categories">The section first, then the tags.</param>
public sealed record FeedEntry(
    string Id,
    string Title,
    Uri Link,
    string Summary,
    string ContentHtml,
    string? Author,
    ImmutableArray<string> Categories,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    FeedImage? Image);

/// <summary>A lead image with a media type guessed from its extension.</summary>
public sealed record FeedImage(Uri Url, string MediaType);
