using System.Net;
using System.Text.Json.Nodes;

namespace IfpFeeds.Tests;

/// <summary>
/// What <c>POST /websub</c> refuses, each a problem+json 4xx with nothing stored and nothing asked of the callback: malformed
/// requests, topics this service does not serve, callbacks on non-public addresses (by default), too many requests.
/// </summary>
public sealed class HubRequestRulesTests
{
    private static readonly string Topic = HubHarness.Topic("all", "atom");

    [Theory]
    [InlineData("http://127.0.0.1:{port}/callback")]
    [InlineData("http://localhost:{port}/callback")]
    [InlineData("http://10.1.2.3/callback")]
    [InlineData("http://192.168.0.10/callback")]
    [InlineData("http://172.16.5.4/callback")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]:{port}/callback")]
    [InlineData("http://[fe80::1]/callback")]
    [InlineData("http://[fd00::1]/callback")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/callback")]
    [InlineData("http://224.0.0.1/callback")]
    [InlineData("http://0.0.0.0:{port}/callback")]
    [InlineData("http://100.64.0.1/callback")]
    public async Task ACallbackOnANonPublicAddressIsRefusedByDefault(string callback)
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:AllowPrivateCallbacks"] = "false" });
        var url = callback.Replace("{port}", hub.Subscriber.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", url));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Callback refused");
        Assert.Empty(hub.Subscriber.Requests);
        Assert.Empty(hub.Store.Intents());
    }

    [Theory]
    [InlineData(null, "{topic}", "{callback}")]
    [InlineData("publish", "{topic}", "{callback}")]
    [InlineData("subscribe", null, "{callback}")]
    [InlineData("subscribe", "{topic}", null)]
    [InlineData("subscribe", "{topic}", "ftp://example.com/callback")]
    [InlineData("subscribe", "{topic}", "/callback")]
    [InlineData("subscribe", "{topic}", "http://example.com/callback#fragment")]
    [InlineData("subscribe", "https://feeds.example.com/feeds/no-such-section.atom", "{callback}")]
    [InlineData("subscribe", "https://feeds.example.com/feeds/all.atom?page=2", "{callback}")]
    [InlineData("subscribe", "https://elsewhere.example.com/feeds/all.atom", "{callback}")]
    [InlineData("subscribe", "https://feeds.example.com/sections/politics", "{callback}")]
    public async Task AMalformedRequestOrATopicNotServedHereIs400(string? mode, string? topic, string? callback)
    {
        await using var hub = await HubHarness.StartAsync();
        using var response = await hub.PostAsync(("hub.mode", mode), ("hub.topic", topic?.Replace("{topic}", Topic, StringComparison.Ordinal)),
            ("hub.callback", callback?.Replace("{callback}", hub.Subscriber.Url(), StringComparison.Ordinal)));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(hub.Store.Intents()); // refused before anything is stored or asked
        Assert.Empty(hub.Subscriber.Requests);
    }

    [Theory]
    [InlineData("hub.lease_seconds", "soon")]
    [InlineData("hub.lease_seconds", "-5")]
    [InlineData("hub.secret", "{200 bytes}")]
    public async Task ABadLeaseOrALongSecretIs400(string name, string value)
    {
        await using var hub = await HubHarness.StartAsync();
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()),
            (name, value == "{200 bytes}" ? new string('s', 200) : value));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AParameterGivenTwiceIs400()
    {
        await using var hub = await HubHarness.StartAsync();
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.topic", HubHarness.Topic("politics", "rss")),
            ("hub.callback", hub.Subscriber.Url()));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnotherContentTypeIs415AndAnOversizedBody413()
    {
        await using var hub = await HubHarness.StartAsync();
        using var json = await hub.Client.PostAsync("/websub", new StringContent("{\"hub.mode\":\"subscribe\"}", System.Text.Encoding.UTF8, "application/json"));
        await AssertProblemAsync(json, HttpStatusCode.UnsupportedMediaType);

        var big = "hub.mode=subscribe&hub.topic=" + Uri.EscapeDataString(Topic) + "&hub.callback=" + Uri.EscapeDataString(hub.Subscriber.Url())
            + "&padding=" + new string('x', 17 * 1024);
        using var oversized = await hub.Client.PostAsync("/websub", new StringContent(big, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"));
        await AssertProblemAsync(oversized, HttpStatusCode.RequestEntityTooLarge);

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/websub") { Content = new StreamContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(big))) };
        chunked.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        chunked.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await hub.Client.SendAsync(chunked);
        Assert.True(chunkedResponse.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, chunkedResponse.StatusCode.ToString());
    }

    [Fact]
    public async Task OneAddressMakesAtMostRequestsPerMinute()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:RequestsPerMinute"] = "2" });
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 60);
    }

    [Fact]
    public async Task WithTheBuiltInHubOffThereIsNoHub()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:BuiltInHub"] = "false" });
        using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, response.StatusCode.ToString());
        Assert.False(File.Exists(Path.Combine(hub.App.DataFolder, IfpFeeds.WebSub.SqliteSubscriptionStore.FileName)));
    }

    [Fact]
    public async Task AHubThatCannotStoreASubscriptionSays503NotA500()
    {
        // A data path below a regular file can never be made, whoever runs the test (root included).
        var root = Directory.CreateTempSubdirectory("ifpfeeds-hub-nodata-").FullName;
        try
        {
            var blocker = Path.Combine(root, "a-file");
            File.WriteAllText(blocker, "not a folder");
            await using var hub = await HubHarness.StartAsync(new() { ["Feeds:DatesFrom"] = "file-time", ["Feeds:DataPath"] = Path.Combine(blocker, "data") });
            using var response = await hub.PostAsync(("hub.mode", "subscribe"), ("hub.topic", Topic), ("hub.callback", hub.Subscriber.Url()));
            await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Hub storage unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
            using var feed = await hub.Client.GetAsync("/feeds/all.atom");
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode); // the feeds are served all the same
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? title = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, (int)problem["status"]!);
        if (title is not null)
        {
            Assert.Equal(title, (string?)problem["title"]);
        }
    }
}
