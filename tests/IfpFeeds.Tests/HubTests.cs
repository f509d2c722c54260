using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace IfpFeeds.Tests;

/// <summary>
/// The built-in hub end to end, as the websub.rocks hub suite checks it: a real loopback subscriber, the whole app, real
/// captures changing. Subscriptions, signatures, re-subscription, unsubscription, each format.
/// </summary>
public sealed class HubTests
{
    [Theory]
    [InlineData("all", "atom", "application/atom+xml; charset=utf-8")]
    [InlineData("politics", "rss", "application/rss+xml; charset=utf-8")]
    [InlineData("all", "json", "application/feed+json; charset=utf-8")]
    public async Task APlainSubscriptionIsVerifiedAndGetsEachChangeUnsigned(string feed, string extension, string contentType)
    {
        await using var hub = await HubHarness.StartAsync();
        var topic = HubHarness.Topic(feed, extension);
        await hub.SubscribeAsync(topic);

        var verification = Assert.Single(hub.Verifications());
        Assert.Equal("subscribe", verification.Query("hub.mode"));
        Assert.Equal(topic, verification.Query("hub.topic"));
        Assert.Equal("864000", verification.Query("hub.lease_seconds")); // the default: 10 days
        Assert.True(verification.Query("hub.challenge").Length >= 43); // 32 random bytes, base64url

        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 1);
        var delivery = hub.Deliveries()[0];
        using var served = await hub.Client.GetAsync($"/feeds/{feed}.{extension}");
        Assert.Equal(await served.Content.ReadAsByteArrayAsync(), delivery.Body); // exactly what a GET of the topic gets
        Assert.Contains("Second politics story", Encoding.UTF8.GetString(delivery.Body));
        Assert.Equal(contentType, delivery.Headers["Content-Type"]);
        Assert.Equal(string.Join(", ", served.Headers.GetValues("Link")), delivery.Headers["Link"]);
        Assert.Contains($"<{HubHarness.BaseUrl}websub>; rel=\"hub\"", delivery.Headers["Link"]);
        Assert.Contains($"<{topic}>; rel=\"self\"", delivery.Headers["Link"]);
        Assert.False(delivery.Headers.ContainsKey("X-Hub-Signature"));
    }

    [Fact]
    public async Task ASubscriptionWithASecretGetsAValidSignature()
    {
        await using var hub = await HubHarness.StartAsync();
        var topic = HubHarness.Topic("politics", "rss");
        await hub.SubscribeAsync(topic, secret: "a secret of the subscriber");
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 1);
        var delivery = hub.Deliveries()[0];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a secret of the subscriber"), delivery.Body));
        Assert.Equal(expected, delivery.Headers["X-Hub-Signature"]);
    }

    [Fact]
    public async Task ExtraParametersAreIgnored()
    {
        await using var hub = await HubHarness.StartAsync();
        var topic = HubHarness.Topic("all", "json");
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", topic), ("hub.callback", hub.Subscriber.Url()),
            ("foo", "bar"), ("hub.unknown", "x"), ("hub.verify", "sync"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await HubHarness.WaitForAsync(() => hub.Store.Count(topic) == 1);
        Assert.DoesNotContain("foo", hub.Verifications()[0].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReSubscribingBeforeExpiryRenewsTheLeaseAndReplacesTheSecret()
    {
        await using var hub = await HubHarness.StartAsync();
        var topic = HubHarness.Topic("all", "atom");
        await hub.SubscribeAsync(topic, secret: "first", lease: 3600);
        var first = Assert.Single(hub.Store.Active(topic, DateTimeOffset.UnixEpoch));
        await hub.SubscribeAsync(topic, secret: "second", lease: 7200);
        var renewed = Assert.Single(hub.Store.Active(topic, DateTimeOffset.UnixEpoch));
        Assert.Equal("second", renewed.Secret);
        Assert.True(renewed.ExpiresAt >= first.ExpiresAt.AddSeconds(3600));
        Assert.Equal("7200", hub.Verifications()[1].Query("hub.lease_seconds"));

        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries().Length == 1);
        var delivery = hub.Deliveries()[0];
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData("second"u8, delivery.Body)), delivery.Headers["X-Hub-Signature"]);
    }

    [Fact]
    public async Task AnUnsubscribedCallbackGetsNothingMore()
    {
        await using var hub = await HubHarness.StartAsync();
        var topic = HubHarness.Topic("all", "atom");
        await hub.SubscribeAsync(topic);
        await hub.SubscribeAsync(topic, subscribe: false);
        Assert.Equal("unsubscribe", hub.Verifications()[1].Query("hub.mode"));
        Assert.Equal(0, hub.Store.Count(topic));

        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.SettleAsync();
        Assert.Empty(hub.Deliveries());
    }

    [Fact]
    public async Task OnlySubscribersOfAChangedTopicGetIt()
    {
        await using var hub = await HubHarness.StartAsync();
        await hub.SubscribeAsync(HubHarness.Topic("economy", "atom"), "/economy");
        await hub.SubscribeAsync(HubHarness.Topic("politics", "atom"), "/politics");
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries("/politics").Length == 1);
        await HubHarness.SettleAsync();
        Assert.Empty(hub.Deliveries("/economy"));
    }

    [Fact]
    public async Task ABurstOfChangesIsOneDeliveryOfTheFinalBytes()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:BurstMilliseconds"] = "300" });
        var topic = HubHarness.Topic("politics", "json");
        await hub.SubscribeAsync(topic);
        for (var i = 2; i <= 5; i++)
        {
            await hub.ChangeAsync($"politics-{i}.txt", "Politics", $"Politics story {i}");
        }

        await HubHarness.WaitForAsync(() => hub.Deliveries().Length >= 1);
        await HubHarness.SettleAsync();
        var delivery = Assert.Single(hub.Deliveries());
        var titles = JsonNode.Parse(delivery.Body)!["items"]!.AsArray().Select(i => (string)i!["title"]!).ToList();
        Assert.Contains("Politics story 5", titles);
        Assert.Equal(await hub.Client.GetByteArrayAsync("/feeds/politics.json"), delivery.Body);
    }
}
