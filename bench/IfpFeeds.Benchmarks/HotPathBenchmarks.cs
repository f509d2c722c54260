using BenchmarkDotNet.Attributes;
using IfpFeeds.Articles;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// What a request for a cached feed costs before any byte is written: the cache lookup of a hit (the key built by
/// <see cref="PublicUrls.KeyFor"/> from the request, as FeedsApi does with <c>Feeds:BaseUrl</c> set; the entry
/// already cached at the current version), the same as the endpoint's <see cref="RepresentationCache.Serve"/>, the
/// If-None-Match check of a revalidation that matches, and the Accept-Encoding choice of a browser's header.
/// Target: 0 bytes allocated each.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[IterationTime(250)]
public class HotPathBenchmarks
{
    private const string AcceptEncoding = "gzip, deflate, br";

    private string _folder = "";
    private ArticleStore _store = null!;
    private RepresentationCache _cache = null!;
    private PublicUrls _urls = null!;
    private HttpRequest _request = null!;
    private string _name = "";
    private long _version;
    private Representation _representation = null!;
    private StringValues _ifNoneMatch;
    private StringValues _noDate;
    private StringValues _acceptEncoding;

    private static readonly Func<Representation, Task<Representation>> Create = static r => Task.FromResult(r);

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new FeedsOptions { BaseUrl = GeneratedSnapshot.BaseUrl.AbsoluteUri });
        _folder = Directory.CreateTempSubdirectory("ifpfeeds-hotpath-").FullName;
        options.Value.ArticlesPath = _folder;
        _store = new ArticleStore(options, new BenchHostEnvironment(_folder), TimeProvider.System, NullLogger<ArticleStore>.Instance);
        _cache = new RepresentationCache(options, _store, TimeProvider.System);
        _urls = new PublicUrls(options);

        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/feeds/all.rss";
        context.Request.Headers.AcceptEncoding = AcceptEncoding;
        _request = context.Request;
        _name = new string(FeedBuilder.AllName.AsSpan()); // a route value is a fresh string per request, not the literal

        var builder = new FeedBuilder(options);
        var source = GeneratedSnapshot.AllFeed(builder, out _);
        _version = source.Version;
        var doc = builder.Build(source, FeedFormat.Rss, FeedBuilder.DefaultLimit, 1, GeneratedSnapshot.BaseUrl);
        _representation = new Representation(RssRenderer.Render(doc), FeedsApi.RssType, doc.Updated, _version);

        // Put the entry in the cache through the miss path, then check that the benchmark's lookup hits it.
        var key = _urls.KeyFor(_request, ResourceKind.Feed, FeedBuilder.AllName, FeedFormat.Rss, FeedBuilder.DefaultLimit, 1);
        _ = _cache.GetOrCreateAsync(key, RepresentationCache.AllDependency, _version, _representation, Create).AsTask().GetAwaiter().GetResult();
        var renders = _cache.Renders;
        if (!ReferenceEquals(CacheHit(), _representation) || _cache.Renders != renders)
        {
            throw new InvalidOperationException("the lookup missed");
        }

        _ifNoneMatch = _representation.ETagGzip; // what a client that got the gzip body sends back
        _noDate = StringValues.Empty;
        _acceptEncoding = AcceptEncoding;
        if (!IfNoneMatch() || Negotiate() != ContentCoding.Brotli)
        {
            throw new InvalidOperationException("unexpected conditional/negotiation result");
        }

        GeneratedSnapshot.Warm(2, () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                _ = CacheHit();
                _ = Serve();
                _ = IfNoneMatch();
                _ = Negotiate();
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    // Both release the reference the lookup takes, as executing the result does in the service.
    [Benchmark(Description = "Cache hit: KeyFor + GetOrCreateAsync (+ Release)")]
    public Representation CacheHit()
    {
        var key = _urls.KeyFor(_request, ResourceKind.Feed, _name, FeedFormat.Rss, FeedBuilder.DefaultLimit, 1);
        var lookup = _cache.GetOrCreateAsync(key, RepresentationCache.AllDependency, _version, _representation, Create);
        var hit = lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("miss");
        hit.Release();
        return hit;
    }

    [Benchmark(Description = "Cache hit as endpoint result: KeyFor + Serve (+ Release)")]
    public IResult Serve()
    {
        var key = _urls.KeyFor(_request, ResourceKind.Feed, _name, FeedFormat.Rss, FeedBuilder.DefaultLimit, 1);
        var lookup = _cache.Serve(key, RepresentationCache.AllDependency, _version, _representation, Create);
        var result = lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("miss");
        ((RepresentationResult)result).Representation.Release();
        return result;
    }

    [Benchmark(Description = "IsNotModified, matching If-None-Match")]
    public bool IfNoneMatch() =>
        ConditionalGet.IsNotModified(HttpMethods.Get, _ifNoneMatch, _noDate, _representation.ETags, _representation.LastModified);

    [Benchmark(Description = "Negotiate(\"gzip, deflate, br\")")]
    public ContentCoding Negotiate() => ConditionalGet.Negotiate(_acceptEncoding);

    private sealed class BenchHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "IfpFeeds.Benchmarks";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
