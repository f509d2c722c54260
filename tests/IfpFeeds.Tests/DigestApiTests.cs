using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>/recent.json, /recent and /feeds/recent.* with a fake clock: labels stay true behind caches.</summary>
public sealed class DigestApiTests : IDisposable
{
    /// <summary>Both real captures are captured at this instant (their files' last-write time).</summary>
    private static readonly DateTime Captured = new(2024, 5, 5, 10, 0, 0, DateTimeKind.Utc);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Captured));
    private readonly TestApp _app;

    public DigestApiTests()
    {
        _app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl }, _clock);
        foreach (var id in new[] { "000_b92118874895f2b6", "003_1065cd54b351d93b" })
        {
            _app.CopyTestData(id + ".txt");
            File.SetLastWriteTimeUtc(Path.Combine(_app.Folder, id + ".txt"), Captured);
        }
    }

    public void Dispose() => _app.Dispose();

    private async Task<(HttpResponseMessage Response, JsonNode Body)> GetRecentAsync(string query = "")
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/recent.json" + query);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task EveryPostOfBothSidebarsOnceNewestFirstWithLabelsForNow()
    {
        var (response, body) = await GetRecentAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = body["posts"]!.AsArray();
        Assert.Equal(12, posts.Count);
        Assert.Equal(12, posts.Select(p => (string?)p!["title"]).Distinct().Count());
        var first = posts[0]!;
        Assert.Equal("Iran signs 4 oilfield development contracts with Russia", (string?)first["title"]);
        Assert.Equal("29 minutes ago", (string?)first["ago"]);
        Assert.Equal("2024-05-05T09:31:00+00:00", (string?)first["estimatedAt"]);
        Assert.Equal(30, (double)first["uncertaintySeconds"]!);
        Assert.Equal("""["000_b92118874895f2b6"]""", first["seenIn"]!.ToJsonString());
        Assert.False(first.AsObject().ContainsKey("url")); // not a captured article
        Assert.Equal("2024-05-05T10:00:00+00:00", (string?)body["generatedAt"]);
        var times = posts.Select(p => DateTimeOffset.Parse((string)p!["estimatedAt"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task LabelsFollowTheClockAndTheShortStyle()
    {
        _clock.Advance(TimeSpan.FromMinutes(31)); // the newest post is now 60 minutes old
        var (_, body) = await GetRecentAsync("?style=short&limit=2");
        var posts = body["posts"]!.AsArray();
        Assert.Equal(2, posts.Count);
        Assert.Equal("1 hour ago", (string?)posts[0]!["ago"]);
        Assert.Equal("1 hour ago", (string?)posts[1]!["ago"]); // "32 mins ago" + 31 min = 63 min

        _clock.Advance(TimeSpan.FromDays(400));
        Assert.Equal("1 year ago", (string?)(await GetRecentAsync())!.Body["posts"]![0]!["ago"]);
    }

    [Fact]
    public async Task CachedOnlyUntilTheNextLabelChangeAndTheEtagChangesWithIt()
    {
        // Now: the newest post is 29 min old (1,740 s); its label changes at 29.5 min, 30 s from now.
        var (first, _) = await GetRecentAsync();
        Assert.Equal("public, max-age=30, s-maxage=30", first.Headers.CacheControl!.ToString());
        var etag = first.Headers.ETag!;

        _clock.Advance(TimeSpan.FromSeconds(20));
        var (second, _) = await GetRecentAsync();
        Assert.Equal(etag, second.Headers.ETag); // same labels: served from the cache
        Assert.Equal("public, max-age=10, s-maxage=10", second.Headers.CacheControl!.ToString());

        _clock.Advance(TimeSpan.FromSeconds(10));
        var (third, body) = await GetRecentAsync();
        Assert.NotEqual(etag, third.Headers.ETag);
        Assert.Equal("30 minutes ago", (string?)body["posts"]![0]!["ago"]);
    }

    [Fact]
    public async Task MaxAgeIsAtMost60Seconds()
    {
        _clock.Advance(TimeSpan.FromDays(1000)); // every label is in years: none changes for months
        var (response, _) = await GetRecentAsync();
        Assert.Equal("public, max-age=60, s-maxage=60", response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("?style=medium")]
    [InlineData("?style=LONG")]
    [InlineData("?style=long&style=short")]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?limit=ten")]
    public async Task BadParametersAre400ProblemJson(string query)
    {
        using var client = _app.CreateClient();
        foreach (var path in new[] { "/recent.json", "/recent" })
        {
            using var response = await client.GetAsync(path + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ThePageWrapsEachLabelInATimeElementAndLoadsTheScript()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/recent");
        Assert.Contains("<time datetime=\"2024-05-05T09:31:00Z\" data-relative=\"long\" title=\"5 May 2024, 09:31 UTC &#xB1; 30 s\">29 minutes ago</time>", html);
        Assert.Contains("<script src=\"https://feeds.example.com/recent.js\" defer></script>", html);
        Assert.Contains("https://feeds.example.com/recent", await client.GetStringAsync("/")); // linked from the home page

        using var script = await client.GetAsync("/recent.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheDigestFeedsCarryAbsoluteDatesAndDoNotChangeWithTheClock()
    {
        using var client = _app.CreateClient();
        var rss = await client.GetStringAsync("/feeds/recent.rss");
        var atom = await client.GetStringAsync("/feeds/recent.atom");
        var json = await client.GetStringAsync("/feeds/recent.json");
        Assert.DoesNotContain(" ago<", rss);

        using (var reader = XmlReader.Create(new StringReader(atom)))
        {
            var feed = SyndicationFeed.Load(reader);
            Assert.Equal(12, feed.Items.Count());
            Assert.Equal(12, feed.Items.Select(i => i.Id).Distinct().Count());
        }

        _clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(rss, await client.GetStringAsync("/feeds/recent.rss"));
        Assert.Equal(json, await client.GetStringAsync("/feeds/recent.json"));
    }
}
