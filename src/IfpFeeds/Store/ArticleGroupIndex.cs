using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    public static ArticleGroupIndex Tags(Article[] newestFirst, ArticleGroupIndex? previous) => Build(TagKind, newestFirst, previous);

    /// <summary>The authors of <paramref name="newestFirst"/>.</summary>
    public static ArticleGroupIndex Authors(Article[] newestFirst, ArticleGroupIndex? previous) => Build(AuthorKind, newestFirst, previous);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a start runs it once, before tiering has caught up (bench/README.md)
    private static ArticleGroupIndex Build(string kind, Article[] newestFirst, ArticleGroupIndex? previous)
    {
        var groups = new Dictionary<string, (List<Article> Articles, Dictionary<string, int> Spellings)>(StringComparer.Ordinal);
        foreach (var article in newestFirst)
        {
            if (kind == TagKind)
            {
                foreach (var tag in article.Tags)
                {
                    Add(groups, tag, article);
                }
            }
            else if (article.Author is { } author)
            {
                Add(groups, author, article);
            }
        }

        var slugs = groups.Keys.ToArray();
        Array.Sort(slugs, StringComparer.Ordinal);
        var all = ImmutableArray.CreateBuilder<ArticleGroup>(slugs.Length);
        foreach (var slug in slugs)
        {
            var (articles, spellings) = groups[slug];
            all.Add(Versioned(kind, slug, LabelCounts.MostCommon(spellings), [.. articles], previous));
        }

        return new ArticleGroupIndex(kind, all.MoveToImmutable());
    }

    /// <summary>Counts <paramref name="label"/> for <paramref name="article"/> in the group of its slug (a blank label is in none).</summary>
    private static void Add(Dictionary<string, (List<Article> Articles, Dictionary<string, int> Spellings)> groups, string label, Article article)
    {
        if (ArticleGroup.SlugOf(label) is not { } slug)
        {
            return;
        }

        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, slug, out var exists);
        if (!exists)
        {
            group = ([], new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (group.Articles.Count == 0 || !ReferenceEquals(group.Articles[^1], article)) // a tag given twice counts once
        {
            group.Articles.Add(article);
        }

        CollectionsMarshal.GetValueRefOrAddDefault(group.Spellings, label.Trim(), out _)++;
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
}
