namespace IfpFeeds.Captures;

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
