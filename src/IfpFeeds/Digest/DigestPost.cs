using System.Collections.Immutable;

namespace IfpFeeds.Digest;

/// <summary>One post of the digest: the best reading of it across every capture that lists it.</summary>
/// <param name="Key">The folded title (<see cref="TitleKey"/>).</param>
/// <param name="EstimatedAt">Capture time minus offset, or the article's exact publication time when the post is a captured article.</param>
/// <param name="UncertaintySeconds">± this much; 0 for a captured article.</param>
/// <param name="ArticleId">The captured article this post is, if any (its link and exact time).</param>
/// <param name="SeenIn">The ids of the captures whose sidebar lists it, in order.</param>
/// <param name="SidebarPosition">Where the winning reading stood in its sidebar (newest first), for ties.</param>
public sealed record DigestPost(
    string Key,
    string Title,
    string? Excerpt,
    DateTimeOffset EstimatedAt,
    double UncertaintySeconds,
    string? ArticleId,
    string? ArticleUrl,
    ImmutableArray<string> SeenIn,
    int SidebarPosition = 0);
