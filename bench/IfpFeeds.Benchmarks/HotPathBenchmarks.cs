using BenchmarkDotNet.Attributes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Caching;
using IfpFeeds.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// What a request for a cached feed costs before any byte is written: the cache lookup of a hit (the key built by
/// <see cref="PublicUrls.OriginOf"/> from the request, as FeedEndpoints does with <c>Feeds:BaseUrl</c> set; the entry
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

    private RepresentationCache _cache = null!;
    private PublicUrls _urls = null!;
    private HttpRequest _request = null!;
    private string _name = "";
    private long _version;
    private Representation _representation = null!;
    private StringValues _ifNoneMatch;
    private StringValues _noDate;
    private StringValues _acceptEncoding;

    private static readonly Func<FeedDocument, ValueTask<RenderedBody>> Render = static doc =>
        ValueTask.FromResult(new RenderedBody(RssRenderer.Render(doc), doc.Updated));
    private FeedDocument _doc = null!;
    private OpenTelemetry.Metrics.MeterProvider? _meterProvider;

    /// <summary>
    /// <c>none</c>: no metrics SDK (the default service: every instrument a no-op); <c>otel</c>: the OpenTelemetry SDK
    /// reading the IfpFeeds meter into the Prometheus exporter, as with <c>Feeds:Metrics:Prometheus=true</c>.
    /// </summary>
    [Params("none", "otel")]
    public string Metrics { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        if (Metrics == "otel")
        {
            _meterProvider = OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(IfpFeeds.Diagnostics.Telemetry.Name).AddPrometheusExporter().Build();
        }

        var options = Options.Create(new FeedsOptions { BaseUrl = GeneratedSnapshot.BaseUrl.AbsoluteUri });
        _cache = new RepresentationCache(options, new CacheControlHeaders(options, TimeProvider.System), TimeProvider.System, new CacheMetrics(new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        _urls = new PublicUrls(options);

        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/feeds/all.rss";
        context.Request.Headers.AcceptEncoding = AcceptEncoding;
        _request = context.Request;
        _name = new string(AllArticlesFeedSource.Name.AsSpan()); // the feed's name, as a source finds it

        var feed = GeneratedSnapshot.AllFeed();
        _version = feed.Version;
        _doc = feed.Build(FeedFormat.Rss);

        // Put the entry in the cache through the miss path, then check that the benchmark's lookup hits it.
        _representation = _cache.GetOrCreateAsync(Key(), ChangeScopes.Everything, _version, ContentTypes.Rss, _doc, Render).AsTask().GetAwaiter().GetResult();
        _representation.Release();
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
        _meterProvider?.Dispose();
    }

    // Both release the reference the lookup takes, as executing the result does in the service.
    [Benchmark(Description = "Cache hit: key + GetOrCreateAsync (+ Release)")]
    public Representation CacheHit()
    {
        var lookup = _cache.GetOrCreateAsync(Key(), ChangeScopes.Everything, _version, ContentTypes.Rss, _doc, Render);
        var hit = lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("miss");
        hit.Release();
        return hit;
    }

    [Benchmark(Description = "Cache hit as endpoint result: key + Serve (+ Release)")]
    public IResult Serve()
    {
        var lookup = _cache.Serve(Key(), ChangeScopes.Everything, _version, ContentTypes.Rss, _doc, Render);
        var result = lookup.IsCompletedSuccessfully ? lookup.Result : throw new InvalidOperationException("miss");
        ((RepresentationResult)result).Representation.Release();
        return result;
    }

    [Benchmark(Description = "IsNotModified, matching If-None-Match")]
    public bool IfNoneMatch() =>
        ConditionalGet.IsNotModified(HttpMethods.Get, _ifNoneMatch, _noDate, _representation.ETags, _representation.LastModified);

    [Benchmark(Description = "Negotiate(\"gzip, deflate, br\")")]
    public ContentCoding Negotiate() => ConditionalGet.Negotiate(_acceptEncoding);

    /// <summary>The key FeedEndpoints builds for page 1 of <c>all.rss</c>.</summary>
    private CacheKey Key() => new(FeedFormats.CacheResource(FeedFormat.Rss), _name, FeedPage.DefaultLimit, 1, _urls.OriginOf(_request));
}
