using BenchmarkDotNet.Attributes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Feeds;
using IfpFeeds.Caching;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// Rendering the 50-item <c>all</c> feed (the default <c>limit</c>, page 1) from a snapshot of 500 generated captures
/// (seed 1, 16 sections): <see cref="ArticleFeedDocuments.Build"/> then the format's renderer, as the service does on a
/// cache miss before compressing. Target: at most 300 µs per format.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[IterationTime(250)]
public class FeedRenderBenchmarks
{
    public const int Captures = 500, Limit = 50;

    private BenchFeed _feed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _feed = GeneratedSnapshot.AllFeed();
        var snapshot = _feed.Snapshot;

        // Steady state of a running service: every renderer tiered up (see CaptureParserBenchmarks).
        GeneratedSnapshot.Warm(3, () =>
        {
            _ = Rss();
            _ = Atom();
            _ = Json();
        });
        SlabPool.Shared.KeepAtLeast(1024);
        Console.WriteLine($"// {snapshot.Articles.Length} articles, {snapshot.Sections.Length} sections; " +
            $"50-item feed bytes: RSS {Rss():N0}, Atom {Atom():N0}, JSON {Json():N0}");
    }

    // Each result's slabs go back to the pool, as a cached body's do when it is evicted: the steady state of a
    // service whose cache turns over. Without it every render allocates fresh pinned slabs (a cold pool).
    [Benchmark(Description = "Build + render RSS, 50 items")]
    public long Rss() => Recycle(RssRenderer.Render(_feed.Build(FeedFormat.Rss)));

    [Benchmark(Description = "Build + render Atom, 50 items")]
    public long Atom() => Recycle(AtomRenderer.Render(_feed.Build(FeedFormat.Atom)));

    [Benchmark(Description = "Build + render JSON Feed, 50 items")]
    public long Json() => Recycle(JsonFeedRenderer.Render(_feed.Build(FeedFormat.Json)));

    private static long Recycle(SegmentedBytes body)
    {
        body.ReturnSlabs();
        return body.Length;
    }
}
