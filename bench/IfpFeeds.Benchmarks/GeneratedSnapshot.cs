using System.Diagnostics;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.CaptureGenerator;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// Generated captures parsed in memory into an <see cref="ArticleSnapshot"/>, as the store would hold them: every
/// capture parsed with one shared <see cref="StringPool"/> (the store's), in parallel, then one snapshot built.
/// </summary>
internal static class GeneratedSnapshot
{
    /// <summary>The base URL the benchmarks render links with (the load scripts use the same form).</summary>
    public static readonly Uri BaseUrl = new("http://127.0.0.1:18800/");

    public static readonly DateTimeOffset CreatedAt = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Parses captures 0…count−1 of (seed, sections); throws if any is rejected.</summary>
    /// <param name="uniqueSidebars">Every sidebar post distinct (the generator's <c>--unique-sidebars</c>).</param>
    public static Article[] Parse(int count, int sections = 16, ulong seed = 1, bool uniqueSidebars = false)
    {
        var generator = new CaptureSetGenerator(seed, count, sections, uniqueSidebars);
        var pool = new StringPool();
        var articles = new Article[count];
        Parallel.For(0, count, i =>
        {
            var capture = generator.Generate(i);
            var result = CaptureParser.Parse(capture.FileName, capture.Bytes, new DateTimeOffset(capture.LastWriteUtc, TimeSpan.Zero), pool);
            articles[i] = result.Article
                ?? throw new InvalidOperationException($"{capture.FileName} was rejected: {result.Rejection?.Reason}");
        });
        return articles;
    }

    public static ArticleSnapshot Build(IReadOnlyCollection<Article> articles, long version = 1, ArticleSnapshot? previous = null) =>
        ArticleSnapshot.Build(articles, [], StoreStatus.Healthy, null, CreatedAt, version, previous);

    /// <summary>
    /// The <c>all</c> feed that the rendering, miss-path and hot-path benchmarks share: the snapshot of
    /// <see cref="FeedRenderBenchmarks.Captures"/> generated captures (seed 1, 16 sections), with the default options.
    /// </summary>
    public static BenchFeed AllFeed()
    {
        var options = Options.Create(new FeedsOptions());
        var site = options.Value.SiteTitle;
        return new BenchFeed(new ArticleFeedDocuments(options, new ContentLanguages(options)),
            new FeedDescription(AllArticlesFeedSource.Name, $"{site}: all articles", $"The latest articles of {site}, every section.", ""),
            Build(Parse(FeedRenderBenchmarks.Captures)));
    }

    /// <summary>Runs <paramref name="action"/> repeatedly for <paramref name="seconds"/> so the JIT tiers it up.</summary>
    public static void Warm(double seconds, Action action)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        do
        {
            action();
        }
        while (Stopwatch.GetTimestamp() < until);
    }
}

/// <summary>A feed of generated articles, built as <see cref="AllArticlesFeedSource"/> builds <c>all</c>.</summary>
internal sealed record BenchFeed(ArticleFeedDocuments Documents, FeedDescription Description, ArticleSnapshot Snapshot)
{
    public System.Collections.Immutable.ImmutableArray<Article> Articles => Snapshot.Articles;

    public long Version => Snapshot.ContentVersion;

    /// <summary>Page 1 of <paramref name="limit"/> items, as the service builds it on a miss.</summary>
    public FeedDocument Build(FeedFormat format, int limit = FeedRenderBenchmarks.Limit) =>
        Documents.Build(Description, Snapshot.Articles, format, new FeedPage(limit, 1), GeneratedSnapshot.BaseUrl, Snapshot.EmptyDate);
}
