using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>
/// What happens to subscriptions over time: refused verification, lease expiry (a fake clock), 410 removal, retries on a
/// 5xx within a bounded time, a restart that keeps them (and pushes what changed while down), redirects never followed.
/// </summary>
public sealed class HubLifecycleTests
{
    private static readonly string Topic = HubHarness.Topic("all", "atom");

    [Theory]
    [InlineData(404, null)]
    [InlineData(200, "not the challenge")]
    [InlineData(500, null)]
    public async Task AVerificationNotEchoedByA2xxLeavesNoSubscription(int status, string? body)
    {
        await using var hub = await HubHarness.StartAsync();
        hub.Subscriber.Answer = async (context, received) =>
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(body ?? received.Query("hub.challenge"));
        };
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode); // whatever the later outcome
        await HubHarness.WaitForAsync(() => hub.Verifications().Length == 1 && hub.Store.Intents().Count == 0);
        Assert.Equal(0, hub.Store.Count());
    }

    [Fact]
    public async Task ARedirectingCallbackIsNotFollowedAndNotSubscribed()
    {
        await using var hub = await HubHarness.StartAsync();
        hub.Subscriber.Answer = (context, received) =>
        {
            context.Response.Redirect("/elsewhere?hub.challenge=" + Uri.EscapeDataString(received.Query("hub.challenge")));
            return Task.CompletedTask;
        };
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await HubHarness.WaitForAsync(() => hub.Verifications().Length == 1 && hub.Store.Intents().Count == 0);
        await HubHarness.SettleAsync();
        Assert.Single(hub.Subscriber.Requests); // /elsewhere was never asked
        Assert.Equal(0, hub.Store.Count());
    }

    [Fact]
    public async Task AnExpiredLeaseGetsNothingAndIsRemoved()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:MinLeaseSeconds"] = "60", ["Feeds:WebSub:BurstMilliseconds"] = "0" }, time);
        await hub.SubscribeAsync(Topic, lease: 60);
        Assert.Equal(time.GetUtcNow().AddSeconds(60), Assert.Single(hub.Store.Active(Topic, time.GetUtcNow())).ExpiresAt);

        time.Advance(TimeSpan.FromSeconds(61));
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Store.Count() == 0); // removed by the pass of that change (or the minute's sweep)
        await HubHarness.SettleAsync();
        Assert.Empty(hub.Deliveries());
    }

    [Fact]
    public async Task A410RemovesTheSubscription()
    {
        await using var hub = await HubHarness.StartAsync();
        await hub.SubscribeAsync(Topic);
        hub.Subscriber.Answer = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status410Gone;
            return Task.CompletedTask;
        };
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Store.Count() == 0);
        Assert.Single(hub.Deliveries());

        await hub.ChangeAsync("politics-3.txt", "Politics", "Third politics story");
        await HubHarness.SettleAsync();
        Assert.Single(hub.Deliveries()); // gone: nothing more
    }

    [Fact]
    public async Task A500IsRetriedWithBackoffAndTheRetryCarriesTheTopicsCurrentBytes()
    {
        await using var hub = await HubHarness.StartAsync();
        await hub.SubscribeAsync(Topic);
        var failures = 1;
        hub.Subscriber.Answer = (context, received) =>
        {
            context.Response.StatusCode = received.Method == "POST" && Interlocked.Decrement(ref failures) >= 0 ? 500 : 204;
            return Task.CompletedTask;
        };
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 1);
        await HubHarness.WaitForAsync(() => hub.Store.Retries().Count == 1); // kept (to survive a restart) until the retry succeeds, 1 s later
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 2 && hub.Store.Retries().Count == 0);
        Assert.Equal(await hub.Client.GetByteArrayAsync("/feeds/all.atom"), hub.Deliveries()[1].Body);
        Assert.Equal(1, hub.Store.Count());
    }

    [Fact]
    public async Task RetriesStopAfterTheBoundedTimeAndTheSubscriptionStays()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:RetrySeconds"] = "2" });
        await hub.SubscribeAsync(Topic);
        hub.Subscriber.Answer = (context, received) =>
        {
            context.Response.StatusCode = received.Method == "POST" ? 503 : 200;
            return Task.CompletedTask;
        };
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 2); // at once, then 1 s later; the next (2 s later) would pass the bound
        await HubHarness.WaitForAsync(() => hub.Store.Retries().Count == 0);
        await Task.Delay(3_000);
        Assert.Equal(2, hub.Deliveries().Length);
        Assert.Equal(1, hub.Store.Count());
    }

    [Fact]
    public async Task ARestartKeepsSubscriptionsAndPushesWhatChangedWhileDown()
    {
        var root = Directory.CreateTempSubdirectory("ifpfeeds-hub-restart-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "articles"));
            File.WriteAllText(Path.Combine(root, "articles", "politics-1.txt"), CaptureText.Simple("Politics", "First politics story"));
            var before = await HubHarness.StartAsync(root: root);
            await before.SubscribeAsync(Topic, secret: "kept");
            await before.StopAsync(keepSubscriber: true);

            File.WriteAllText(Path.Combine(root, "articles", "politics-2.txt"), CaptureText.Simple("Politics", "Written while the service was down"));
            await using var after = await HubHarness.StartAsync(root: root, subscriber: before.Subscriber);
            await HubHarness.WaitForAsync(() => after.Deliveries().Length == 1);
            var delivery = after.Deliveries()[0];
            Assert.Contains("Written while the service was down", System.Text.Encoding.UTF8.GetString(delivery.Body));
            Assert.StartsWith("sha256=", delivery.Headers["X-Hub-Signature"]);

            await after.ChangeAsync("politics-3.txt", "Politics", "Third politics story");
            await HubHarness.WaitForAsync(() => after.Deliveries().Length == 2);
            Assert.Single(after.Verifications()); // not asked again
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task ACorruptStoreIsReportedAndTheFeedsAreServedAllTheSame()
    {
        var root = Directory.CreateTempSubdirectory("ifpfeeds-hub-corrupt-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "articles"));
            Directory.CreateDirectory(Path.Combine(root, "data"));
            File.WriteAllText(Path.Combine(root, "articles", "politics-1.txt"), CaptureText.Simple("Politics", "First politics story"));
            File.WriteAllText(Path.Combine(root, "data", IfpFeeds.WebSub.SqliteSubscriptionStore.FileName), "this is not a SQLite database, not even close to one");
            await using var hub = await HubHarness.StartAsync(root: root);
            using var feed = await hub.Client.GetAsync("/feeds/all.atom");
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);

            var health = await hub.App.GetJsonAsync("/healthz");
            Assert.Equal("degraded", (string?)health["status"]);
            Assert.Contains("websub.db", (string?)health["reason"], StringComparison.Ordinal);

            using var subscribe = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, subscribe.StatusCode);
            await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story"); // a pass that cannot read the store: logged, nothing stops
            using var after = await hub.Client.GetAsync("/feeds/all.atom");
            Assert.Contains("Second politics story", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task APassThatFailsIsMadeAgainSoNoChangeIsLost()
    {
        var flaky = new FlakySubscriptionStore(Directory.CreateTempSubdirectory("ifpfeeds-flaky-").FullName);
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:BurstMilliseconds"] = "0" },
            services: s => s.AddSingleton<IfpFeeds.WebSub.ISubscriptionStore>(flaky));
        await hub.SubscribeAsync(Topic);
        flaky.FailTopics = 1; // the pass of the next change cannot read the store
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 1, seconds: 20); // made again a few seconds later
        Assert.Contains("Second politics story", System.Text.Encoding.UTF8.GetString(hub.Deliveries()[0].Body), StringComparison.Ordinal);
        Assert.True(flaky.FailTopics < 0); // the failure did happen
    }
}
