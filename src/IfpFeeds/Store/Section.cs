using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>A section: every article whose label gives <see cref="Slug"/>, newest first.</summary>
/// <param name="Name">The label most of its articles carry (ties: the ordinal-first), so it is stable.</param>
/// <param name="Version">The snapshot version in which this section last changed: what caches key on.</param>
public sealed record Section(string Slug, string Name, ImmutableArray<Article> Articles, long Version)
{
    /// <summary>The change scope of what shows this section (<see cref="ChangeScopes"/>): <c>section/{slug}</c>.</summary>
    public string Scope { get; } = "section/" + Slug;

    /// <summary>The newest article's publication time.</summary>
    public DateTimeOffset Newest => Articles[0].Published;

    /// <summary>The newest updated time of its articles: what its feeds and pages were last modified at.</summary>
    public DateTimeOffset LastUpdated { get; } = LastUpdatedOf(Articles);

    /// <summary>Whether two lists hold the same article objects in the same order: what keeps a section's or a group's version.</summary>
    public static bool SameArticles(ImmutableArray<Article> a, ImmutableArray<Article> b) =>
        a.AsSpan().SequenceEqual(b.AsSpan(), ReferenceEqualityComparer.Instance);

    /// <summary>The newest updated time of <paramref name="articles"/> (the epoch when there are none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // every section and group of a start's snapshot, before tiering has caught up
    public static DateTimeOffset LastUpdatedOf(ImmutableArray<Article> articles)
    {
        var newest = DateTimeOffset.UnixEpoch;
        foreach (var article in articles)
        {
            if (article.Updated > newest)
            {
                newest = article.Updated;
            }
        }

        return newest;
    }
}
