using System.Collections.Immutable;

namespace IfpFeeds.Captures;

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
    ImmutableArray<RecentPost> RecentPosts)
{
    /// <summary>
    /// A 64-bit hash of what the article was parsed from (its file name, bytes and dates): equal articles from equal
    /// captures have equal fingerprints on every instance and restart, so the versions built from them (a section's, a
    /// feed's) can key a cache that several instances share. 0 for an article made otherwise (a test's).
    /// </summary>
    public ulong Fingerprint { get; init; }
}
