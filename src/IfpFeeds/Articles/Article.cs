using System.Collections.Immutable;

namespace IfpFeeds.Articles;

/// <summary>One parsed capture: an article page of the source site (ARTICLE-FORMAT.md).</summary>
/// <param name="Id">The file name without <c>.txt</c>: stable, unique, the basis of permalinks and guids.</param>
/// <param name="Section">The section label as written (front matter <c>section</c> overrides line 1).</param>
/// <param name="SectionSlug">The URL slug of <paramref name="Section"/> (<see cref="SectionSlugs"/>).</param>
/// <param name="Summary">The first paragraph (the standfirst).</param>
/// <param name="Paragraphs">Every paragraph, the summary included.</param>
/// <param name="Url">The canonical address on the source site, from front matter; null when absent.</param>
/// <param name="Captured">"Now" for the relative times in the capture.</param>
public sealed record Article(
    string Id,
    string Section,
    string SectionSlug,
    string Title,
    string Summary,
    ImmutableArray<string> Paragraphs,
    string? Author,
    string? AuthorBio,
    string? Url,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    DateTimeOffset Captured,
    string? Image,
    ImmutableArray<string> Tags,
    ImmutableArray<RecentPost> RecentPosts);

/// <summary>One post of a capture's "Recent Posts" sidebar, read at the capture's time.</summary>
/// <param name="Excerpt">The excerpt lines joined by a space; null when the post has none.</param>
/// <param name="Ago">The relative time exactly as written (white space folded).</param>
/// <param name="OffsetSeconds">How long before <see cref="Article.Captured"/> the post was published.</param>
/// <param name="UncertaintySeconds">± this much: half the unit the site rounded to.</param>
public sealed record RecentPost(
    string Title,
    string? Excerpt,
    string Ago,
    long OffsetSeconds,
    double UncertaintySeconds);

/// <summary>A capture the parser refused, with a reason a person can act on.</summary>
public sealed record CaptureRejection(string FileName, string Reason);

/// <summary>The outcome of parsing one capture: exactly one of the two is set.</summary>
public readonly record struct CaptureParseResult(Article? Article, CaptureRejection? Rejection)
{
    public static CaptureParseResult Success(Article article) => new(article, null);

    public static CaptureParseResult Reject(string fileName, string reason) => new(null, new CaptureRejection(fileName, reason));
}
