using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IfpFeeds.Diagnostics;
using IfpFeeds.Http;

namespace IfpFeeds.Caching;

/// <summary>
/// The representation caches' instruments on the <see cref="Telemetry.Name"/> meter, low-cardinality tags only (never a
/// URL, an id or a query): <c>ifpfeeds.renders</c> (<c>kind</c>, <c>format</c>), <c>ifpfeeds.render.duration</c> (s),
/// <c>ifpfeeds.render.size</c> (bytes), <c>ifpfeeds.cache.lookups</c> (<c>result</c>: <c>hit</c>, <c>miss</c>),
/// <c>ifpfeeds.cache.bytes</c> (<c>cache</c>: each cache's name) and <c>ifpfeeds.responses.not_modified</c>. With no
/// listener every one is a no-op; with one, a hit still allocates nothing (the tags are made once).
/// </summary>
public sealed class CacheMetrics
{
    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit"), Miss = new("result", "miss");

    private readonly Counter<long> _renders;
    private readonly Histogram<double> _renderDuration;
    private readonly Histogram<long> _renderSize;
    private readonly Counter<long> _lookups;
    private readonly Counter<long> _notModified;
    private readonly ConcurrentDictionary<RepresentationCache, string> _caches = new();

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetry.Name);
        _renders = meter.CreateCounter<long>("ifpfeeds.renders", "{render}", "Responses rendered (cache misses), by kind and format.");
        _renderDuration = meter.CreateHistogram("ifpfeeds.render.duration", "s", "How long a render takes, compression and hashing included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Telemetry.DurationBuckets });
        _renderSize = meter.CreateHistogram("ifpfeeds.render.size", "By", "The size of a rendered body, uncompressed.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = Telemetry.SizeBuckets });
        _lookups = meter.CreateCounter<long>("ifpfeeds.cache.lookups", "{lookup}", "Representation cache lookups, by result.");
        _notModified = meter.CreateCounter<long>("ifpfeeds.responses.not_modified", "{response}", "304 Not Modified answers to validated requests.");
        meter.CreateObservableGauge("ifpfeeds.cache.bytes", () => _caches.Select(c => new Measurement<long>(c.Key.Bytes, new KeyValuePair<string, object?>("cache", c.Value))),
            "By", "Bytes held by each representation cache (every coding of every entry).");
    }

    internal void Register(RepresentationCache cache, string name) => _caches[cache] = name;

    internal void Unregister(RepresentationCache cache) => _caches.TryRemove(cache, out _);

    internal void Lookup(bool hit) => _lookups.Add(1, hit ? Hit : Miss);

    internal void NotModified() => _notModified.Add(1);

    internal void Rendered(string kind, string format, double seconds, long bytes)
    {
        var kindTag = new KeyValuePair<string, object?>("kind", kind);
        var formatTag = new KeyValuePair<string, object?>("format", format);
        _renders.Add(1, kindTag, formatTag);
        _renderDuration.Record(seconds, kindTag, formatTag);
        _renderSize.Record(bytes, kindTag, formatTag);
    }

    /// <summary>The <c>kind</c> of a cache resource: its first dot-separated part, as each feature names them (<c>feed.rss</c> → <c>feed</c>).</summary>
    internal static string KindOf(string resource)
    {
        var dot = resource.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? resource : resource[..dot];
    }

    /// <summary>The <c>format</c> of a content type: a short name from a fixed set, so no client can add a series.</summary>
    internal static string FormatOf(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim() switch
        {
            MediaTypes.Rss => "rss",
            MediaTypes.Atom => "atom",
            MediaTypes.JsonFeed => "json", // a feed's extension; kind tells it from the API's
            MediaTypes.Json => "json",
            MediaTypes.Html => "html",
            MediaTypes.Opml => "opml",
            MediaTypes.Xml => "xml",
            MediaTypes.Css => "css",
            MediaTypes.JavaScript => "js",
            MediaTypes.Text => "text",
            MediaTypes.Png => "png",
            MediaTypes.Icon => "ico",
            _ => "other",
        };
    }
}
