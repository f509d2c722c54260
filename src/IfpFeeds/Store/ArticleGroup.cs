using System.Collections.Immutable;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>The articles of one tag or one author, newest first: what a tag's or an author's feed, page and API entry show.</summary>
/// <param name="Kind"><see cref="ArticleGroupIndex.TagKind"/> or <see cref="ArticleGroupIndex.AuthorKind"/>.</param>
/// <param name="Slug">The slug of its name, by the section slug rules (<see cref="SectionSlugs"/>).</param>
/// <param name="Name">The spelling most of its articles use (ties: the ordinal-first), so it is stable.</param>
/// <param name="Version">The snapshot version in which its articles last changed: what caches key on.</param>
public sealed record ArticleGroup(string Kind, string Slug, string Name, ImmutableArray<Article> Articles, long Version)
{
    /// <summary>The newest article's publication time.</summary>
    public DateTimeOffset Newest => Articles[0].Published;

    /// <summary>The newest updated time of its articles.</summary>
    public DateTimeOffset LastUpdated { get; } = Section.LastUpdatedOf(Articles);

    /// <summary>The slug of the group a tag or an author called <paramref name="label"/> is in; null for a blank label (no group).</summary>
    public static string? SlugOf(string label) => label.Trim() is { Length: > 0 } name ? SectionSlugs.From(name) : null;

    /// <summary>The tags of <paramref name="article"/> that have a group, each once (by slug), in the order given: what links to tag pages.</summary>
    public static IEnumerable<(string Name, string Slug)> TagsOf(Article article)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in article.Tags)
        {
            if (SlugOf(tag) is { } slug && seen.Add(slug))
            {
                yield return (tag.Trim(), slug);
            }
        }
    }

    /// <summary>The change scope of what shows this group (<see cref="ChangeScopes"/>): <c>tag/{slug}</c>, <c>author/{slug}</c>.</summary>
    public string Scope { get; } = Kind + "/" + Slug;
}
