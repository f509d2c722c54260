using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary>
/// W3C WebSub §4: every topic (page 1 of a feed, no query) names its hubs and itself, in a <c>Link</c> header on 200, 304
/// and HEAD, and in its body (<c>atom:link rel="hub"</c>, JSON Feed <c>hubs</c>); other pages name no hub.
/// </summary>
public sealed class HubAdvertisingTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const string Hub = "https://feeds.example.com/websub";

    [Theory]
    [InlineData("all", "rss")]
    [InlineData("economy", "atom")]
    [InlineData("recent", "json")]
    [InlineData("tag/economy", "atom")]
    [InlineData("فرهنگ-و-هنر", "rss")]
    public async Task ATopicNamesItsHubAndItselfOn200304AndHead(string feed, string extension)
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        var url = FeedTestSet.FeedUrl(feed, extension);
        var self = new Uri(new Uri(FeedTestSet.BaseUrl), url.TrimStart('/')).AbsoluteUri;
        var expected = $"<{Hub}>; rel=\"hub\", <{self}>; rel=\"self\"";

        using var ok = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(expected, string.Join(", ", ok.Headers.GetValues("Link")));

        using var notModified = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", ok.Headers.ETag!.Tag } } });
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(expected, string.Join(", ", notModified.Headers.GetValues("Link")));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(expected, string.Join(", ", head.Headers.GetValues("Link")));

        var body = await ok.Content.ReadAsStringAsync();
        Assert.Equal([Hub], HubsIn(body, extension));
        Assert.Equal(self, SelfIn(body, extension));
    }

    [Theory]
    [InlineData("/feeds/all.atom?page=2&limit=1")]
    [InlineData("/feeds/all.rss?limit=1")]
    [InlineData("/feeds/all.json?limit=1")]
    [InlineData("/feeds/search.atom?q=iran")]
    public async Task AnyOtherPageNamesNoHub(string url)
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Link"));
        Assert.Empty(HubsIn(await response.Content.ReadAsStringAsync(), url.Split('?')[0].Split('.')[^1]));
    }

    [Fact]
    public async Task ExternalHubsAreAdvertisedBesideOrInsteadOfTheBuiltInOne()
    {
        using (var both = FeedTestSet.Create(new() { ["Feeds:WebSub:Hubs:0"] = "https://hub.example.net/", ["Feeds:WebSub:Hubs:1"] = "https://pubsubhubbub.example.org/publish" }))
        {
            using var client = both.CreateClient();
            var body = await client.GetStringAsync("/feeds/all.json");
            Assert.Equal([Hub, "https://hub.example.net/", "https://pubsubhubbub.example.org/publish"], HubsIn(body, "json"));
        }

        using (var externalOnly = FeedTestSet.Create(new() { ["Feeds:WebSub:BuiltInHub"] = "false", ["Feeds:WebSub:Hubs:0"] = "https://hub.example.net/" }))
        {
            using var client = externalOnly.CreateClient();
            using var response = await client.GetAsync("/feeds/all.atom");
            Assert.Equal("<https://hub.example.net/>; rel=\"hub\", <https://feeds.example.com/feeds/all.atom>; rel=\"self\"", response.Headers.GetValues("Link").Single());
            Assert.Equal(["https://hub.example.net/"], HubsIn(await response.Content.ReadAsStringAsync(), "atom"));
        }

        using var none = FeedTestSet.Create(new() { ["Feeds:WebSub:BuiltInHub"] = "false" });
        using var noHub = none.CreateClient();
        using var plain = await noHub.GetAsync("/feeds/all.rss");
        Assert.False(plain.Headers.Contains("Link"));
        Assert.Empty(HubsIn(await plain.Content.ReadAsStringAsync(), "rss"));
    }

    [Fact]
    public async Task WithoutABaseUrlTheHubAndSelfFollowTheRequestHost()
    {
        using var app = new TestApp();
        FeedTestSet.Fill(app.Folder);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.atom") { Headers = { Host = "news.example.org:8080" } };
        using var response = await client.SendAsync(request);
        Assert.Equal("<http://news.example.org:8080/websub>; rel=\"hub\", <http://news.example.org:8080/feeds/all.atom>; rel=\"self\"",
            response.Headers.GetValues("Link").Single());
    }

    internal static string[] HubsIn(string body, string extension) => extension == "json"
        ? [.. (JsonNode.Parse(body)!["hubs"]?.AsArray() ?? []).Select(h => { Assert.Equal("WebSub", (string?)h!["type"]); return (string)h["url"]!; })]
        : [.. XDocument.Parse(body).Descendants(Atom + "link").Where(l => (string?)l.Attribute("rel") == "hub").Select(l => (string)l.Attribute("href")!)];

    private static string SelfIn(string body, string extension) => extension == "json"
        ? (string)JsonNode.Parse(body)!["feed_url"]!
        : (string)XDocument.Parse(body).Descendants(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!;
}
