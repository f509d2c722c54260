using System.Collections.Immutable;
using CsCheck;
using IfpFeeds.Captures;
using IfpFeeds.Search;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>The index finds exactly what a plain scan finds: its word-start filter may let a non-match through, never stop a match.</summary>
public sealed class SearchIndexTests
{
    private static readonly string[] Pieces = ["oil", "Oil", "soil", "in", "inside", "a", "ab", "abc", "ایران", "كتاب", "کتاب", "می‌شود", "(", "-", "’s", "2024", "۲۰۲۴", "北京", "😀", " ", "  ", "\u064B"];

    private static readonly Gen<string> Words = Gen.Int[0, Pieces.Length - 1].Array[0, 12].Select(ix => string.Join(" ", ix.Select(i => Pieces[i])));

    private static Article ArticleOf(string id, string title, string[] paragraphs) =>
        new(id, "Politics", "politics", title, paragraphs.FirstOrDefault() ?? "", [.. paragraphs], null, null, null,
            DateTimeOffset.UnixEpoch.AddDays(id.Length), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, [], []);

    [Fact]
    public void TheIndexFindsWhatAScanOfEveryArticleFinds()
    {
        Gen.Select(Words.Array[1, 6], Words.Array[1, 3], Gen.Int[0, 3]).Sample((texts, queries, pick) =>
        {
            var articles = texts.Select((t, i) => ArticleOf($"a{i}", t, [t + " tail", "x " + t])).ToArray();
            var snapshot = ArticleSnapshot.Build(articles, [], StoreStatus.Healthy, null, DateTimeOffset.UnixEpoch.AddYears(1), 1);
            var index = SearchIndex.Build(snapshot, previous: null);

            // Queries: the generated ones, and a piece of an article's own folded text (so most of these match).
            var folded = SearchText.FoldQuery(texts[pick % texts.Length]);
            var own = System.Text.Encoding.UTF8.GetString(folded[..Math.Min(folded.Length, 1 + (pick * 5))]);
            foreach (var query in queries.Append(own))
            {
                var q = SearchText.FoldQuery(query);
                if (q.Length == 0)
                {
                    continue;
                }

                var needle = SearchText.Needle(q);
                var expected = snapshot.Articles.Where(a => SearchText.Contains(SearchIndex.FoldArticle(a), needle)).Select(a => a.Id);
                Assert.Equal(expected, index.Find(needle).Select(a => a.Id));
            }
        }, iter: 2_000);
    }

    [Fact]
    public void FindStopsAtTheCapNewestFirst()
    {
        var articles = Enumerable.Range(0, 30).Select(i => ArticleOf(new string('x', i + 1), "oil", ["oil"])).ToArray();
        var index = SearchIndex.Build(ArticleSnapshot.Build(articles, [], StoreStatus.Healthy, null, DateTimeOffset.UnixEpoch.AddYears(1), 1), null);
        var found = index.Find(SearchText.Needle(SearchText.FoldQuery("oil")), max: 5);
        Assert.Equal(Enumerable.Range(25, 5).Reverse().Select(i => new string('x', i + 1)), found.Select(a => a.Id));
    }

    [Fact]
    public void TheNextIndexReusesTheFoldedTextOfUnchangedArticles()
    {
        var a = ArticleOf("a", "oil", ["oil"]);
        var first = SearchIndex.Build(ArticleSnapshot.Build([a], [], StoreStatus.Healthy, null, DateTimeOffset.UnixEpoch.AddYears(1), 1), null);
        var b = ArticleOf("bb", "gas", ["gas"]);
        var second = SearchIndex.Build(ArticleSnapshot.Build([a, b], [], StoreStatus.Healthy, null, DateTimeOffset.UnixEpoch.AddYears(1), 2), first);
        Assert.Equal(["bb"], second.Find(SearchText.Needle(SearchText.FoldQuery("gas"))).Select(x => x.Id));
        Assert.Equal(["a"], second.Find(SearchText.Needle(SearchText.FoldQuery("oil"))).Select(x => x.Id));
        Assert.Equal(2, second.Count);
    }
}
