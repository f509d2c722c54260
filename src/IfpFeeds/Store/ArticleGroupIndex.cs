using System.Collections.Frozen;
using System.Collections.Immutable;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// Every tag (front matter <c>tags</c>) or every author (the byline, <c>Published by</c>, or front matter
/// <c>author</c>) of a snapshot, each with its articles newest first. Labels whose slugs are equal are one group.
/// A group whose articles are the same objects, in the same order, as before keeps its version.
/// </summary>
public sealed class ArticleGroupIndex
{
    public const string TagKind = "tag", AuthorKind = "author";

    private ArticleGroupIndex(string kind, ImmutableArray<ArticleGroup> all)
    {
        Kind = kind;
        All = all;
        BySlug = all.ToFrozenDictionary(g => g.Slug, StringComparer.Ordinal);
    }

    public static ArticleGroupIndex NoTags { get; } = new(TagKind, []);

    public static ArticleGroupIndex NoAuthors { get; } = new(AuthorKind, []);

    public string Kind { get; }

    /// <summary>Every group, in slug order.</summary>
    public ImmutableArray<ArticleGroup> All { get; }

    public FrozenDictionary<string, ArticleGroup> BySlug { get; }

    /// <summary>The tags of <paramref name="newestFirst"/>.</summary>
    public static ArticleGroupIndex Tags(Article[] newestFirst, ArticleGroupIndex? previous) =>
        Build(TagKind, newestFirst, static a => a.Tags, previous);

    /// <summary>The authors of <paramref name="newestFirst"/>.</summary>
    public static ArticleGroupIndex Authors(Article[] newestFirst, ArticleGroupIndex? previous) =>
        Build(AuthorKind, newestFirst, static a => a.Author is { } author ? [author] : ImmutableArray<string>.Empty, previous);

    private static ArticleGroupIndex Build(string kind, Article[] newestFirst, Func<Article, ImmutableArray<string>> labels,
        ArticleGroupIndex? previous)
    {
        var groups = new Dictionary<string, (List<Article> Articles, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var article in newestFirst)
        {
            foreach (var label in labels(article))
            {
                if (ArticleGroup.SlugOf(label) is not { } slug)
                {
                    continue;
                }

                var name = label.Trim();

                if (!groups.TryGetValue(slug, out var group))
                {
                    groups[slug] = group = ([], new Dictionary<string, int>(StringComparer.Ordinal));
                }

                if (group.Articles.Count == 0 || !ReferenceEquals(group.Articles[^1], article)) // a tag given twice counts once
                {
                    group.Articles.Add(article);
                }

                group.Spellings[name] = group.Spellings.GetValueOrDefault(name) + 1;
            }
        }

        var all = groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Versioned(kind, g.Key, MostCommon(g.Value.Spellings), [.. g.Value.Articles], previous))
            .ToImmutableArray();
        return new ArticleGroupIndex(kind, all);
    }

    private static ArticleGroup Versioned(string kind, string slug, string name, ImmutableArray<Article> articles, ArticleGroupIndex? previous)
    {
        if (previous is not null && previous.BySlug.TryGetValue(slug, out var before) && before.Name == name
            && Section.SameArticles(before.Articles, articles))
        {
            return before;
        }

        return new ArticleGroup(kind, slug, name, articles, ContentVersions.Of(kind + "/" + name, articles));
    }

    private static string MostCommon(Dictionary<string, int> spellings) =>
        spellings.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key;
}
