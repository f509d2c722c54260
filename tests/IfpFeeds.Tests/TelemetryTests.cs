using System.Diagnostics.Metrics;
using System.Net;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace IfpFeeds.Tests;

/// <summary>The IfpFeeds meter, the health probes and the Prometheus endpoint, through the whole app.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly TestApp _app = FeedTestSet.Create();

    public void Dispose() => _app.Dispose();

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_app.Services.GetRequiredService<IMeterFactory>(), "IfpFeeds", instrument);

    private static long Sum(MetricCollector<long> collector, params (string Key, string Value)[] tags) =>
        collector.GetMeasurementSnapshot().Where(m => tags.All(t => Equals(m.Tags.GetValueOrDefault(t.Key), t.Value))).Sum(m => m.Value);

    [Fact]
    public async Task AMissRendersOnceAndAHitNotAtAll()
    {
        using var client = _app.CreateClient();
        await client.GetStringAsync("/healthz"); // the app is up
        using var renders = Collect<long>("ifpfeeds.renders");
        using var lookups = Collect<long>("ifpfeeds.cache.lookups");
        using var durations = Collect<double>("ifpfeeds.render.duration");
        using var sizes = Collect<long>("ifpfeeds.render.size");

        var body = await client.GetByteArrayAsync("/feeds/economy.atom");
        Assert.Equal(1, Sum(renders, ("kind", "feed"), ("format", "atom")));
        Assert.Equal(1, Sum(lookups, ("result", "miss")));
        Assert.Equal(0, Sum(lookups, ("result", "hit")));
        Assert.Equal(body.Length, Assert.Single(sizes.GetMeasurementSnapshot()).Value);
        Assert.InRange(Assert.Single(durations.GetMeasurementSnapshot()).Value, 0, 10);

        await client.GetByteArrayAsync("/feeds/economy.atom");
        await client.GetByteArrayAsync("/feeds/economy.atom");
        Assert.Equal(1, Sum(renders));
        Assert.Equal(2, Sum(lookups, ("result", "hit")));

        await client.GetStringAsync("/sections/economy");
        await client.GetStringAsync("/api/sections");
        await client.GetStringAsync("/feeds.opml");
        await client.GetStringAsync("/recent.json");
        Assert.Equal(1, Sum(renders, ("kind", "page"), ("format", "html")));
        Assert.Equal(1, Sum(renders, ("kind", "api"), ("format", "json")));
        Assert.Equal(1, Sum(renders, ("kind", "opml"), ("format", "opml")));
        Assert.Equal(1, Sum(renders, ("kind", "digest"), ("format", "json")));
    }

    [Fact]
    public async Task EveryValidatedRequestCountsOne304AndNoOtherDoes()
    {
        using var client = _app.CreateClient();
        using var first = await client.GetAsync("/feeds/all.rss");
        using var notModified = Collect<long>("ifpfeeds.responses.not_modified");
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.rss");
            request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.rss");
        stale.Headers.IfNoneMatch.ParseAdd("\"not-it\"");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/all.rss")).StatusCode);
        Assert.Equal(3, Sum(notModified));
    }

    [Fact]
    public async Task EverySnapshotIsOnePublishAndTheGaugesFollowTheCurrentOne()
    {
        using var client = _app.CreateClient();
        await client.GetStringAsync("/healthz");
        var store = _app.Services.GetRequiredService<ArticleStore>();
        using var publishes = Collect<long>("ifpfeeds.snapshot.publishes");
        using var builds = Collect<double>("ifpfeeds.snapshot.build.duration");
        using var articles = Collect<long>("ifpfeeds.articles");
        using var rejected = Collect<long>("ifpfeeds.captures.rejected");
        var before = store.Current.Version;

        _app.Write("new.txt", CaptureText.Simple("Economy", "A new one"));
        _app.Write("bad.txt", "");
        await _app.WaitForJsonAsync("/healthz", h => (int)h["articles"]! == 7 && h["rejected"]!.AsArray().Count == 1);

        // The version moves a moment before the count (and a late event may publish once more): compare once both settle.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long published;
        while ((published = store.Current.Version - before) != Sum(publishes) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(published >= 1);
        Assert.Equal(published, Sum(publishes));
        Assert.Equal(published, builds.GetMeasurementSnapshot().Count);
        articles.RecordObservableInstruments();
        rejected.RecordObservableInstruments();
        Assert.Equal(7, articles.LastMeasurement!.Value);
        Assert.Equal(1, rejected.LastMeasurement!.Value);
    }

    [Fact]
    public async Task TheCacheBytesGaugeCountsWhatEachCacheHolds()
    {
        using var client = _app.CreateClient();
        using var bytes = Collect<long>("ifpfeeds.cache.bytes");
        bytes.RecordObservableInstruments();
        var empty = bytes.GetMeasurementSnapshot().Where(m => (string?)m.Tags["cache"] == "responses").Sum(m => m.Value);
        await client.GetStringAsync("/feeds/all.rss");
        await client.GetStringAsync("/feeds/search.rss?q=iran");
        bytes.Clear();
        bytes.RecordObservableInstruments();
        var measured = bytes.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["cache"]!, m => m.Value);
        Assert.True(measured["responses"] > empty + 1000);
        Assert.True(measured["search"] > 1000);
    }

    [Fact]
    public async Task ARenderIsASpanUnderItsRequestsAndASnapshotBuildOneWithItsCounts()
    {
        var stopped = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is "IfpFeeds" or "Microsoft.AspNetCore",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        await client.GetStringAsync("/feeds/ifp-exclusive.atom");

        Assert.Contains(stopped, a => a.OperationName == "render" && (string?)a.GetTagItem("ifpfeeds.kind") == "feed"
            && (string?)a.GetTagItem("ifpfeeds.format") == "atom" && a.Parent?.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn");
        Assert.Contains(stopped, a => a.OperationName == "snapshot.build" && a.GetTagItem("ifpfeeds.articles") is 6 && a.GetTagItem("ifpfeeds.sections") is 5);
    }

    [Fact]
    public async Task TheProbesSayLiveAndReady()
    {
        using var client = _app.CreateClient();
        foreach (var path in new[] { "/healthz/live", "/healthz/ready" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("{\"status\":\"healthy\"}", await response.Content.ReadAsStringAsync());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public void TheSdkIsRegisteredOnlyWhenAnExporterIsAskedFor()
    {
        Assert.Null(_app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(_app.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        using var otlp = FeedTestSet.Create(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" }); // nothing listens: exports fail quietly
        Assert.NotNull(otlp.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.NotNull(otlp.Services.GetService<OpenTelemetry.Trace.TracerProvider>());
        using var prometheus = FeedTestSet.Create(new() { ["Feeds:Metrics:Prometheus"] = "true" });
        Assert.NotNull(prometheus.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        Assert.Null(prometheus.Services.GetService<OpenTelemetry.Trace.TracerProvider>()); // traces only go to a collector
    }

    [Fact]
    public async Task MetricsAreBehindTheRateLimiterAndTheProbesAreNot()
    {
        using var app = FeedTestSet.Create(new() { ["Feeds:Metrics:Prometheus"] = "true", ["Feeds:RateLimit:PermitsPerWindow"] = "2", ["Feeds:RateLimit:WindowSeconds"] = "3600" });
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/metrics")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).StatusCode);
    }

    [Fact]
    public async Task MetricsAreNotServedUnlessAskedFor()
    {
        using var response = await _app.CreateClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
