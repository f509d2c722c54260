using System.Collections.Immutable;
using System.Runtime.InteropServices;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Search;

/// <summary>
/// The folded text (<see cref="SearchText"/>) of every published article of one snapshot, newest first: a search is
/// a vectorized substring scan of each in turn (<see cref="SearchText.Contains"/>), stopping at <see cref="MaxResults"/> matches. Immutable; the next
/// snapshot's index reuses the folded text of every article object it shares with this one.
/// </summary>
public sealed class SearchIndex
{
    /// <summary>A search answers at most the newest this many matches (20 feed pages of 50).</summary>
    public const int MaxResults = 1_000;

    private readonly ImmutableArray<Article> _articles;
    private readonly byte[][] _texts;
    private readonly Dictionary<Article, byte[]> _byArticle;

    private SearchIndex(ArticleSnapshot snapshot, ImmutableArray<Article> articles, byte[][] texts, Dictionary<Article, byte[]> byArticle)
    {
        Snapshot = snapshot;
        _articles = articles;
        _texts = texts;
        _byArticle = byArticle;
        foreach (var text in texts)
        {
            Bytes += text.Length;
        }
    }

    /// <summary>An index of nothing, for before the first snapshot.</summary>
    public static SearchIndex Empty { get; } = Build(ArticleSnapshot.Empty, previous: null);

    /// <summary>The snapshot this index was built from: its content version versions every search answer.</summary>
    public ArticleSnapshot Snapshot { get; }

    /// <summary>How many articles it holds.</summary>
    public int Count => _texts.Length;

    /// <summary>The size of the folded text, in bytes.</summary>
    public long Bytes { get; }

    /// <summary>
    /// The index of <paramref name="snapshot"/>'s published articles; the folded text of every article object that
    /// <paramref name="previous"/> holds too is taken from it, not folded again.
    /// </summary>
    public static SearchIndex Build(ArticleSnapshot snapshot, SearchIndex? previous)
    {
        var articles = snapshot.Articles;
        var texts = new byte[articles.Length][];
        var byArticle = new Dictionary<Article, byte[]>(articles.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < articles.Length; i++)
        {
            var article = articles[i];
            if (previous is null || !previous._byArticle.TryGetValue(article, out var text))
            {
                text = FoldArticle(article);
            }

            texts[i] = text;
            byArticle.TryAdd(article, text);
        }

        return new SearchIndex(snapshot, articles, texts, byArticle);
    }

    /// <summary>An article as search sees it: its title, then every paragraph (the summary is the first).</summary>
    public static byte[] FoldArticle(Article article) =>
        SearchText.Fold(article.Title, ImmutableCollectionsMarshal.AsArray(article.Paragraphs) ?? []);

    /// <summary>The articles whose folded text holds <paramref name="query"/> (folded, not empty), newest first, at most <paramref name="max"/>.</summary>
    public ImmutableArray<Article> Find(ReadOnlySpan<byte> query, int max = MaxResults)
    {
        var found = ImmutableArray.CreateBuilder<Article>();
        var texts = _texts;
        for (var i = 0; i < texts.Length && found.Count < max; i++)
        {
            if (SearchText.Contains(texts[i], query))
            {
                found.Add(_articles[i]);
            }
        }

        return found.DrainToImmutable();
    }
}
