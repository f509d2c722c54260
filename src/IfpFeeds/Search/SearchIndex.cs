using System.Collections.Immutable;
using System.Runtime.InteropServices;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Search;

/// <summary>
/// The folded text (<see cref="SearchText"/>) of every published article of one snapshot, newest first: a search is
/// a vectorized substring scan of each in turn (<see cref="SearchText.Contains"/>) that a filter of its word starts
/// (<see cref="WordStartFilter"/>) lets skip most articles that cannot match, stopping at <see cref="MaxResults"/> matches. Immutable; the next
/// snapshot's index reuses the folded text of every article object it shares with this one.
/// </summary>
public sealed class SearchIndex
{
    /// <summary>A search answers at most the newest this many matches (20 feed pages of 50).</summary>
    public const int MaxResults = 1_000;

    private readonly ImmutableArray<Article> _articles;
    private readonly Entry[] _entries;
    private readonly Dictionary<Article, Entry> _byArticle;

    private SearchIndex(ArticleSnapshot snapshot, ImmutableArray<Article> articles, Entry[] entries, Dictionary<Article, Entry> byArticle)
    {
        Snapshot = snapshot;
        _articles = articles;
        _entries = entries;
        _byArticle = byArticle;
        foreach (var entry in entries)
        {
            Bytes += entry.Text.Length + (entry.Filter.Length * sizeof(ulong));
        }
    }

    /// <summary>An index of nothing, for before the first snapshot.</summary>
    public static SearchIndex Empty { get; } = Build(ArticleSnapshot.Empty, previous: null);

    /// <summary>The snapshot this index was built from: its content version versions every search answer.</summary>
    public ArticleSnapshot Snapshot { get; }

    /// <summary>How many articles it holds.</summary>
    public int Count => _entries.Length;

    /// <summary>The size of the folded text and the filters, in bytes.</summary>
    public long Bytes { get; }

    /// <summary>
    /// The index of <paramref name="snapshot"/>'s published articles; the folded text of every article object that
    /// <paramref name="previous"/> holds too is taken from it, not folded again.
    /// </summary>
    public static SearchIndex Build(ArticleSnapshot snapshot, SearchIndex? previous)
    {
        var articles = snapshot.Articles;
        var entries = new Entry[articles.Length];
        var byArticle = new Dictionary<Article, Entry>(articles.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < articles.Length; i++)
        {
            var article = articles[i];
            if (previous is null || !previous._byArticle.TryGetValue(article, out var entry))
            {
                var text = FoldArticle(article);
                entry = new Entry(text, WordStartFilter.Build(text));
            }

            entries[i] = entry;
            byArticle.TryAdd(article, entry);
        }

        return new SearchIndex(snapshot, articles, entries, byArticle);
    }

    /// <summary>An article as search sees it: its title, then every paragraph (the summary is the first).</summary>
    public static byte[] FoldArticle(Article article) =>
        SearchText.FoldFields(article.Title, ImmutableCollectionsMarshal.AsArray(article.Paragraphs) ?? []);

    /// <summary>The articles whose folded text holds <paramref name="needle"/> (<see cref="SearchText.Needle"/>), newest first, at most <paramref name="max"/>.</summary>
    public ImmutableArray<Article> Find(ReadOnlySpan<byte> needle, int max = MaxResults)
    {
        var found = ImmutableArray.CreateBuilder<Article>();
        var entries = _entries;
        var keys = WordStartFilter.KeysOf(needle);
        for (var i = 0; i < entries.Length && found.Count < max; i++)
        {
            var entry = entries[i];
            if (WordStartFilter.MayHold(entry.Filter, keys) && SearchText.Contains(entry.Text, needle))
            {
                found.Add(_articles[i]);
            }
        }

        return found.DrainToImmutable();
    }

    /// <summary>An article's folded text and the filter of its word starts.</summary>
    private sealed record Entry(byte[] Text, ulong[] Filter);
}
