using System.Collections.Immutable;
using System.Text;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Digest;

namespace IfpFeeds.Tests;

/// <summary>The digest's merge rules and its incremental updates.</summary>
public sealed class DigestIndexTests
{
    private static readonly DateTimeOffset T0 = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);

    private static Article Capture(string id, DateTimeOffset captured, string sidebar, string title = "Some article", string? url = null, DateTimeOffset? published = null)
    {
        var frontMatter = $"captured: {captured:yyyy-MM-ddTHH:mm:ssZ}" +
            (published is { } p ? $"\npublished: {p:yyyy-MM-ddTHH:mm:ssZ}" : "") +
            (url is null ? "" : $"\nurl: {url}");
        var text = CaptureText.Simple(title: title, frontMatter: frontMatter, extra: "Recent Posts\n" + sidebar);
        return CaptureParser.Parse(id + ".txt", Encoding.UTF8.GetBytes(text), captured).Article!;
    }

    private static ArticleSnapshot Snapshot(params Article[] articles) =>
        ArticleSnapshot.Build(articles, [], StoreStatus.Healthy, null, T0.AddDays(1), 1); // after every capture: none is scheduled

    private static DigestSnapshot Digest(params Article[] articles)
    {
        var index = new DigestIndex();
        index.Update(Snapshot(articles));
        return index.Current;
    }

    [Fact]
    public void TheSamePostInSeveralCapturesIsOnePost()
    {
        var digest = Digest(
            Capture("a", T0, "Trump ‘not happy’ with Russia’s strike\nExcerpt…\n5 minutes ago"),
            Capture("b", T0, "trump 'not happy'   with russia's strike…\nExcerpt…\n10 minutes ago"),
            Capture("c", T0, "Trump “not happy” with Russia—strike\nOther\n1 hour ago"));

        Assert.Equal(2, digest.Posts.Length); // the dash makes the third a different title
        var merged = digest.Posts.Single(p => p.SeenIn.Length == 2);
        Assert.Equal(["a", "b"], merged.SeenIn.ToArray());
    }

    [Theory]
    [InlineData("Trump ‘not happy’ — Russia…", "trump 'not happy' - russia")]
    [InlineData("  Iran   signs\tdeal... ", "iran signs deal")]
    [InlineData("“Quoted” – dash", "\"quoted\" - dash")]
    [InlineData("ÉCONOMIE", "économie")]
    public void TitlesAreFoldedForCaseSpaceQuotesDashesAndEllipsis(string title, string key) =>
        Assert.Equal(key, TitleKey.Fold(title));

    [Fact]
    public void TheReadingWithTheSmallestUncertaintyWins()
    {
        var digest = Digest(
            Capture("a", T0, "Post\nan hour ago"),             // 3,600 ± 1,800
            Capture("b", T0.AddMinutes(5), "Post\n29 minutes ago")); // 1,740 ± 30

        var post = Assert.Single(digest.Posts);
        Assert.Equal(T0.AddMinutes(5).AddSeconds(-1_740), post.EstimatedAt);
        Assert.Equal(30, post.UncertaintySeconds);
    }

    [Fact]
    public void OnATieTheLatestCaptureWins()
    {
        var digest = Digest(
            Capture("late", T0.AddHours(2), "Post\n3 hours ago"),
            Capture("early", T0, "Post\n1 hour ago"));

        Assert.Equal(T0.AddHours(2).AddHours(-3), Assert.Single(digest.Posts).EstimatedAt);
    }

    [Fact]
    public void TheLongestExcerptIsKept()
    {
        var digest = Digest(
            Capture("a", T0, "Post\nShort…\n1 hour ago"),
            Capture("b", T0, "Post\nA much longer excerpt…\n2 hours ago"),
            Capture("c", T0, "Post\n3 hours ago"));

        Assert.Equal("A much longer excerpt…", Assert.Single(digest.Posts).Excerpt);
    }

    [Fact]
    public void APostThatIsACapturedArticleTakesItsLinkAndExactTime()
    {
        var published = new DateTimeOffset(2024, 5, 5, 9, 13, 0, TimeSpan.Zero);
        var digest = Digest(
            Capture("sidebar", T0, "The Captured Story…\nExcerpt\n3 hours ago"),
            Capture("story", T0, "Other\n1 day ago", title: "The captured story", url: "https://ifpnews.com/story/", published: published));

        var post = digest.Posts.Single(p => p.Key == "the captured story");
        Assert.Equal(published, post.EstimatedAt);
        Assert.Equal(0, post.UncertaintySeconds);
        Assert.Equal("story", post.ArticleId);
        Assert.Equal("https://ifpnews.com/story/", post.ArticleUrl);
        Assert.Null(digest.Posts.Single(p => p.Key == "other").ArticleId);
    }

    [Fact]
    public void PostsAreNewestFirst()
    {
        var digest = Digest(Capture("a", T0, "Old\n2 days ago\nNew\njust now\nMiddle\n3 hours ago"));
        Assert.Equal(["New", "Middle", "Old"], digest.Posts.Select(p => p.Title));
    }

    [Fact]
    public void TiedEstimatesAreSetOneSecondApartInSidebarOrder()
    {
        var digest = Digest(Capture("a", T0, "Zebra first\n1 hour ago\nAardvark second\n1 hour ago\nThird\n1 hour ago"));

        Assert.Equal(["Zebra first", "Aardvark second", "Third"], digest.Posts.Select(p => p.Title));
        Assert.Equal([T0.AddHours(-1), T0.AddHours(-1).AddSeconds(-1), T0.AddHours(-1).AddSeconds(-2)], digest.Posts.Select(p => p.EstimatedAt));
        Assert.All(digest.Posts, p => Assert.Equal(1_800, p.UncertaintySeconds));
    }

    [Fact]
    public void AChangedCaptureUpdatesOnlyWhatItTouches()
    {
        var a = Capture("a", T0, "Shared\n1 hour ago\nOnly in A\n2 hours ago");
        var b = Capture("b", T0, "Shared\n5 minutes ago\nOnly in B\n3 hours ago");
        var index = new DigestIndex();
        index.Update(Snapshot(a, b));
        var onlyInA = index.Current.Posts.Single(p => p.Title == "Only in A");

        var b2 = Capture("b", T0, "Only in B\n3 hours ago\nNew in B\n1 minute ago");
        Assert.True(index.Update(Snapshot(a, b2)));

        var posts = index.Current.Posts;
        Assert.Equal(["New in B", "Shared", "Only in A", "Only in B"], posts.Select(p => p.Title));
        Assert.Equal(T0.AddHours(-1), posts.Single(p => p.Title == "Shared").EstimatedAt); // B's better reading is gone
        Assert.Same(onlyInA, posts.Single(p => p.Title == "Only in A")); // untouched post: the same object

        Assert.True(index.Update(Snapshot(a)));
        Assert.Equal(["Shared", "Only in A"], index.Current.Posts.Select(p => p.Title));
        Assert.False(index.Update(Snapshot(a))); // nothing changed: no new digest
    }

    [Fact]
    public void TheTwoRealCapturesListEveryPostOfBothSidebarsOnce()
    {
        var articles = new[] { "000_b92118874895f2b6", "003_1065cd54b351d93b" }
            .Select(id => CaptureParser.Parse(id + ".txt", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", id + ".txt")), T0).Article!)
            .ToArray();
        var digest = Digest(articles);

        var expected = articles.SelectMany(a => a.RecentPosts.Select(p => p.Title)).ToImmutableSortedSet(StringComparer.Ordinal);
        Assert.Equal(12, expected.Count);
        Assert.Equal(expected, digest.Posts.Select(p => p.Title).ToImmutableSortedSet(StringComparer.Ordinal));
        Assert.Equal(T0.AddSeconds(-1_740), digest.Posts[0].EstimatedAt); // "29 minutes ago", the newest
    }
}
