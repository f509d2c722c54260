using System.Net;
using IfpFeeds.Caching;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Two in-process instances over one captures folder and a real <c>redis-server</c>: they share renders (one instance
/// renders a representation, the other reuses its bytes), answer the same bytes and validators, and go on serving, on
/// their own, while Redis is down, sharing again once it is back.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class FleetTests
{
    /// <summary>Two instances over one captures folder and <paramref name="redis"/>, started, with a client each.</summary>
    private sealed class TwoInstances : IDisposable
    {
        public TwoInstances(RedisServer redis)
        {
            A = FeedTestSet.Create(new() { ["ConnectionStrings:Redis"] = redis.ConnectionString });
            B = new TestApp(new()
            {
                ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl,
                ["Feeds:ArticlesPath"] = A.Folder, // one shared folder
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
            });
            ClientA = A.CreateClient();
            ClientB = B.CreateClient();
        }

        public TestApp A { get; }

        public TestApp B { get; }

        public HttpClient ClientA { get; }

        public HttpClient ClientB { get; }

        public void Dispose()
        {
            ClientA.Dispose();
            ClientB.Dispose();
            A.Dispose();
            B.Dispose();
        }
    }

    private static long Renders(TestApp app) => app.Services.GetRequiredService<RepresentationCache>().Renders;

    [RedisFact]
    public async Task OneInstanceRendersAndTheOtherReusesItsBytesAndValidators()
    {
        await using var redis = await RedisServer.StartAsync();
        using var fleet = new TwoInstances(redis);
        var (a, b, clientA, clientB) = (fleet.A, fleet.B, fleet.ClientA, fleet.ClientB);
        foreach (var url in new[] { "/feeds/all.atom", "/feeds/economy.rss", "/feeds/recent.json", "/sections/economy", "/api/articles" })
        {
            var (rendersA, rendersB) = (Renders(a), Renders(b));
            using var fromA = await GetAsync(clientA, url);
            using var fromB = await GetAsync(clientB, url);
            Assert.Equal(rendersA + 1, Renders(a));
            Assert.Equal(rendersB, Renders(b)); // B took A's bytes from Redis
            Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
            Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);
            Assert.Equal(fromA.Content.Headers.LastModified, fromB.Content.Headers.LastModified);
            Assert.Equal(fromA.Content.Headers.ContentEncoding, fromB.Content.Headers.ContentEncoding);
        }
    }

    [RedisFact]
    public async Task AChangeIsRenderedOnceForTheFleet()
    {
        await using var redis = await RedisServer.StartAsync();
        using var fleet = new TwoInstances(redis);
        var (a, b, clientA, clientB) = (fleet.A, fleet.B, fleet.ClientA, fleet.ClientB);
        using var before = await GetAsync(clientA, "/feeds/economy.atom");
        File.WriteAllText(Path.Combine(a.Folder, "fleet-change.txt"), CaptureText.Simple("Economy", "A change the fleet renders once"));
        await Task.WhenAll(a.Services.GetRequiredService<ArticleStore>().RefreshAsync("fleet-change.txt"),
            b.Services.GetRequiredService<ArticleStore>().RefreshAsync("fleet-change.txt"));

        var total = Renders(a) + Renders(b);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => GetAsync(i % 2 == 0 ? clientA : clientB, "/feeds/economy.atom", identity: true)));
        Assert.Equal(total + 1, Renders(a) + Renders(b)); // eight requests at once on two instances: one render
        var bodies = await Task.WhenAll(answers.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(bodies, body => Assert.Contains("A change the fleet renders once", body, StringComparison.Ordinal));
        Assert.Single(answers.Select(r => r.Headers.ETag!.Tag).Distinct());
        Assert.NotEqual(before.Headers.ETag, answers[0].Headers.ETag);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [RedisFact]
    public async Task WithRedisDownEveryInstanceServesOnItsOwnAndSharesAgainWhenItIsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        using var fleet = new TwoInstances(redis);
        var (a, b, clientA, clientB) = (fleet.A, fleet.B, fleet.ClientA, fleet.ClientB);
        await redis.StopAsync();
        await HubHarness.WaitForAsync(() => (string?)a.GetJsonAsync("/healthz").Result["status"] == "degraded");
        var health = await a.GetJsonAsync("/healthz");
        Assert.Contains("Redis", (string?)health["reason"], StringComparison.Ordinal);

        foreach (var url in new[] { "/feeds/all.atom", "/feeds/economy.rss", "/", "/api/sections" })
        {
            using var fromA = await GetAsync(clientA, url);
            using var fromB = await GetAsync(clientB, url);
            Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag); // rendered apart, the same bytes
        }

        await redis.StartAgainAsync();
        await HubHarness.WaitForAsync(() => (string?)a.GetJsonAsync("/healthz").Result["status"] == "healthy"
            && (string?)b.GetJsonAsync("/healthz").Result["status"] == "healthy", seconds: 30);
        await Task.Delay(3_000); // past the circuit breaker
        var rendersB = Renders(b);
        using var shared = await GetAsync(clientA, "/feeds/politics.json");
        using var reused = await GetAsync(clientB, "/feeds/politics.json");
        Assert.Equal(rendersB, Renders(b));
    }

    [RedisFact]
    public async Task InstancesWithTheirOwnCopiesCopiedAtDifferentTimesAgreeOnEveryDate()
    {
        await using var redis = await RedisServer.StartAsync();
        using var a = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var b = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["ConnectionStrings:Redis"] = redis.ConnectionString });
        foreach (var (app, copiedAt) in new[] { (a, new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc)), (b, new DateTime(2026, 11, 20, 17, 30, 0, DateTimeKind.Utc)) })
        {
            foreach (var (name, text) in new[] { ("one.txt", CaptureText.Simple("Economy", "One")), ("two.txt", CaptureText.Simple("Politics", "Two")) })
            {
                app.Write(name, text, copiedAt); // no date front matter: dated by first sight
            }
        }

        using var clientA = a.CreateClient(); // A starts first: its sights are recorded
        using var atomA = await GetAsync(clientA, "/feeds/all.atom", identity: true);
        using var clientB = b.CreateClient();
        using var atomB = await GetAsync(clientB, "/feeds/all.atom", identity: true);
        Assert.Equal(await atomA.Content.ReadAsStringAsync(), await atomB.Content.ReadAsStringAsync());
        Assert.Contains("2026-11-01T08:00:00Z", await atomB.Content.ReadAsStringAsync(), StringComparison.Ordinal); // A's sight, not B's copy time
        Assert.Equal(atomA.Content.Headers.LastModified, atomB.Content.Headers.LastModified);
    }

    [RedisFact]
    public async Task ASubscriptionMadeThroughOneInstanceIsServedByAllAndEachChangeIsPushedOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var subscriber = await LoopbackSubscriber.StartAsync();
        var hub = new Dictionary<string, string?> { ["Feeds:WebSub:AllowPrivateCallbacks"] = "true", ["Feeds:WebSub:BurstMilliseconds"] = "0" };
        using var a = FeedTestSet.Create(new(hub) { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var b = new TestApp(new(hub) { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["Feeds:ArticlesPath"] = a.Folder, ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        var topic = FeedTestSet.BaseUrl + "feeds/economy.atom";
        using var subscribe = await clientA.PostAsync("/websub", new FormUrlEncodedContent(
            [new("hub.mode", "subscribe"), new("hub.topic", topic), new("hub.callback", subscriber.Url()), new("hub.secret", "fleet")]));
        Assert.Equal(HttpStatusCode.Accepted, subscribe.StatusCode);
        var storeB = b.Services.GetRequiredService<IfpFeeds.WebSub.ISubscriptionStore>();
        await HubHarness.WaitForAsync(() => storeB.Count(topic) == 1 && storeB.LastContent(topic) is not null); // made through A, seen by B

        for (var change = 1; change <= 3; change++)
        {
            File.WriteAllText(Path.Combine(a.Folder, $"fleet-push-{change}.txt"), CaptureText.Simple("Economy", $"Fleet push {change}"));
            await Task.WhenAll(a.Services.GetRequiredService<ArticleStore>().RefreshAsync($"fleet-push-{change}.txt"),
                b.Services.GetRequiredService<ArticleStore>().RefreshAsync($"fleet-push-{change}.txt"));
            await HubHarness.WaitForAsync(() => subscriber.Requests.Count(r => r.Method == "POST") == change);
            await Task.Delay(1_000); // time for a second instance's push, were there one
            var posts = subscriber.Requests.Where(r => r.Method == "POST").ToList();
            Assert.Equal(change, posts.Count); // once per change, not once per instance
            Assert.Contains($"Fleet push {change}", System.Text.Encoding.UTF8.GetString(posts[^1].Body), StringComparison.Ordinal);
        }
    }

    [RedisFact]
    public async Task PushesWaitWhileRedisDoesNotAnswerAndResumeWhenItDoes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var subscriber = await LoopbackSubscriber.StartAsync();
        using var app = FeedTestSet.Create(new()
        {
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Feeds:WebSub:AllowPrivateCallbacks"] = "true",
            ["Feeds:WebSub:BurstMilliseconds"] = "0",
        });
        using var client = app.CreateClient();
        var topic = FeedTestSet.BaseUrl + "feeds/politics.json";
        using var subscribe = await client.PostAsync("/websub", new FormUrlEncodedContent([new("hub.mode", "subscribe"), new("hub.topic", topic), new("hub.callback", subscriber.Url())]));
        var store = app.Services.GetRequiredService<IfpFeeds.WebSub.ISubscriptionStore>();
        await HubHarness.WaitForAsync(() => store.Count(topic) == 1 && store.LastContent(topic) is not null);

        // Redis stops answering (every client paused for 4 s) while a change is made: the push waits for it, then goes out.
        var paused = System.Diagnostics.Stopwatch.StartNew();
        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            await admin.GetDatabase().ExecuteAsync("CLIENT", "PAUSE", "4000", "ALL");
        }

        File.WriteAllText(Path.Combine(app.Folder, "while-down.txt"), CaptureText.Simple("Politics", "Changed while Redis did not answer"));
        var refresh = app.Services.GetRequiredService<ArticleStore>().RefreshAsync("while-down.txt");
        using (var served = await client.GetAsync("/feeds/economy.atom"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode); // serving goes on meanwhile
        }

        await refresh;
        await HubHarness.WaitForAsync(() => subscriber.Requests.Any(r => r.Method == "POST"), seconds: 20);
        Assert.True(paused.Elapsed >= TimeSpan.FromSeconds(3.5), $"pushed {paused.Elapsed} after the pause began"); // it waited for Redis
        var push = subscriber.Requests.Single(r => r.Method == "POST");
        Assert.Contains("Changed while Redis did not answer", System.Text.Encoding.UTF8.GetString(push.Body), StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task ARetryIsClaimedOnceInRedisToo()
    {
        await using var redis = await RedisServer.StartAsync();
        var options = IfpFeeds.Fleet.RedisConnection.Parse(redis.ConnectionString, out _)!;
        using var connection = new IfpFeeds.Fleet.RedisConnection(options);
        RetryClaims.AssertClaimedOnce(new IfpFeeds.Fleet.RedisSubscriptionStore(connection));
    }

    [RedisFact]
    public async Task TheSharedLevelIsMeasured()
    {
        await using var redis = await RedisServer.StartAsync();
        using var fleet = new TwoInstances(redis);
        var (a, b, clientA, clientB) = (fleet.A, fleet.B, fleet.ClientA, fleet.ClientB);
        var metersA = a.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metersB = b.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var lookupsA = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(metersA, "IfpFeeds", "ifpfeeds.fleet.shared.lookups");
        using var lookupsB = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(metersB, "IfpFeeds", "ifpfeeds.fleet.shared.lookups");
        using var locksA = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(metersA, "IfpFeeds", "ifpfeeds.fleet.lock.wait");
        using var available = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<int>(metersB, "IfpFeeds", "ifpfeeds.fleet.redis.available");

        using (await GetAsync(clientA, "/feeds/politics.rss"))
        using (await GetAsync(clientB, "/feeds/politics.rss"))
        {
        }

        Assert.Contains(lookupsA.GetMeasurementSnapshot(), m => (string?)m.Tags["result"] == "rendered");
        Assert.Contains(lookupsB.GetMeasurementSnapshot(), m => (string?)m.Tags["result"] == "hit");
        Assert.Contains(locksA.GetMeasurementSnapshot(), m => m.Tags["acquired"] is true);
        available.RecordObservableInstruments();
        Assert.Equal(1, available.LastMeasurement!.Value);
    }

    [RedisFact]
    public async Task DatesAnInstanceGaveAloneWhileRedisWasAwayAreSettledWhenItIsBack()
    {
        await using var redis = await RedisServer.StartAsync(persistent: true);
        using var a = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var b = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["ConnectionStrings:Redis"] = redis.ConnectionString });
        a.Write("one.txt", CaptureText.Simple("Economy", "One"), new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc));
        b.Write("one.txt", CaptureText.Simple("Economy", "One"), new DateTime(2026, 11, 20, 17, 30, 0, DateTimeKind.Utc)); // copied later
        using var clientA = a.CreateClient(); // A's sight is the fleet's
        using var atomA = await GetAsync(clientA, "/feeds/all.atom", identity: true);
        var expected = await atomA.Content.ReadAsStringAsync();

        await redis.StopAsync();
        using var clientB = b.CreateClient(); // B starts alone: its own date
        using (var alone = await GetAsync(clientB, "/feeds/all.atom", identity: true))
        {
            Assert.Contains("2026-11-20T17:30:00Z", await alone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await redis.StartAgainAsync(); // the data is back: A's sight wins, and B reads its capture again
        await HubHarness.WaitForAsync(() =>
        {
            using var settled = clientB.GetAsync("/feeds/all.atom").Result;
            return settled.Content.ReadAsStringAsync().Result == expected;
        }, seconds: 30);
    }

    /// <summary>A GET that must be a 200; brotli-coded unless <paramref name="identity"/> (the coded bytes are shared too).</summary>
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string url, bool identity = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!identity)
        {
            request.Headers.AcceptEncoding.ParseAdd("br");
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
