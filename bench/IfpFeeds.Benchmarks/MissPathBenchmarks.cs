using BenchmarkDotNet.Attributes;
using IfpFeeds.Feeds;
using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// The cache-miss path of the 50-item <c>all</c> feed over 500 generated captures, per format: build + render (as
/// in <see cref="FeedRenderBenchmarks"/>) then <c>new Representation(...)</c>, which hashes the bytes (SHA-256 ETag)
/// and compresses them once with gzip (level 6) and brotli (quality 5). The "Representation only" cases take the
/// rendered bytes as given, to split the cost. Target: under 5 ms per format.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[IterationTime(250)]
public class MissPathBenchmarks
{
    private BenchFeed _feed = null!;
    private SegmentedBytes _rss = SegmentedBytes.Empty, _atom = SegmentedBytes.Empty, _json = SegmentedBytes.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _feed = GeneratedSnapshot.AllFeed();

        _rss = Rss().Identity;
        _atom = Atom().Identity;
        _json = Json().Identity;
        GeneratedSnapshot.Warm(3, () =>
        {
            _ = Rss();
            _ = Atom();
            _ = Json();
        });
        foreach (var (name, r) in new[] { ("RSS", Rss()), ("Atom", Atom()), ("JSON", Json()) })
        {
            Console.WriteLine($"// {name}: identity {r.Identity.Length:N0} B, gzip {r.Gzip?.Length:N0} B, brotli {r.Brotli?.Length:N0} B, ETag {r.ETagIdentity}");
        }
    }

    [Benchmark(Description = "Miss RSS: render + Representation")]
    public Representation Rss() => Miss(FeedFormat.Rss);

    [Benchmark(Description = "Miss Atom: render + Representation")]
    public Representation Atom() => Miss(FeedFormat.Atom);

    [Benchmark(Description = "Miss JSON: render + Representation")]
    public Representation Json() => Miss(FeedFormat.Json);

    [Benchmark(Description = "Representation only (hash+gz+br), RSS bytes")]
    public Representation RepresentationRss() => new(_rss, ContentTypes.Rss, _feed.Articles[0].Updated, _feed.Version);

    [Benchmark(Description = "Representation only (hash+gz+br), JSON bytes")]
    public Representation RepresentationJson() => new(_json, ContentTypes.JsonFeed, _feed.Articles[0].Updated, _feed.Version);

    /// <summary>What a feed miss does: FeedEndpoints' render callback, then the cache's Representation (its clock clamp of Last-Modified aside).</summary>
    private Representation Miss(FeedFormat format)
    {
        var doc = _feed.Build(format);
        return new Representation(FeedFormats.Render(doc, format), FeedFormats.ContentType(format), doc.Updated, _feed.Version);
    }
}
