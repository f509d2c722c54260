using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Tests;

/// <summary>The JSON API through the whole app.</summary>
public sealed class ArticlesApiTests : IDisposable
{
    private readonly TestApp _app = new();

    public ArticlesApiTests()
    {
        _app.CopyTestData("000_b92118874895f2b6.txt");
        _app.CopyTestData("003_1065cd54b351d93b.txt");
        _app.Write("newer.txt", Captures.Simple("Foreign  Policy", "Newer story", "published: 2030-01-01T00:00:00Z\nurl: https://ifpnews.com/newer/\ntags: a, b"));
        _app.Write("older.txt", Captures.Simple("Economy", "Older story", "published: 2001-01-01T00:00:00Z"));
    }

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("000_b92118874895f2b6")]
    [InlineData("003_1065cd54b351d93b")]
    public async Task ArticleEndpointReturnsTheGoldenParse(string id)
    {
        var article = await _app.GetJsonAsync($"/api/articles/{id}");

        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", id + ".json")))!.AsObject();
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(value, article[key]), $"{key}: expected {value?.ToJsonString()}, got {article[key]?.ToJsonString()}");
        }

        Assert.Equal(id, (string?)article["id"]);
        foreach (var key in new[] { "sectionSlug", "url", "published", "updated", "captured", "image", "tags" })
        {
            Assert.True(article.AsObject().ContainsKey(key), $"missing {key}");
        }
    }

    [Fact]
    public async Task ArticleDatesAreIso8601WithOffset()
    {
        var article = await _app.GetJsonAsync("/api/articles/newer");
        Assert.Equal("2030-01-01T00:00:00+00:00", (string?)article["published"]);
        Assert.Equal("https://ifpnews.com/newer/", (string?)article["url"]);
        Assert.Equal("""["a","b"]""", article["tags"]!.ToJsonString());
    }

    [Fact]
    public async Task ArticlesAreListedNewestFirstWithTheSummaryFields()
    {
        var list = (await _app.GetJsonAsync("/api/articles")).AsArray();
        Assert.Equal(4, list.Count);
        Assert.Equal("newer", (string?)list[0]!["id"]);
        Assert.Equal("older", (string?)list[^1]!["id"]);
        var dates = list.Select(a => DateTimeOffset.Parse((string)a!["published"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal(
            ["id", "section", "sectionSlug", "title", "summary", "author", "published", "updated"],
            list[0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ArticlesCanBeFilteredBySection()
    {
        var list = (await _app.GetJsonAsync("/api/articles?section=foreign-policy")).AsArray();
        Assert.Equal(["newer", "000_b92118874895f2b6"], list.Select(a => (string?)a!["id"]));
    }

    [Fact]
    public async Task SectionsHaveSlugNameCountAndNewestDate()
    {
        var sections = (await _app.GetJsonAsync("/api/sections")).AsArray();
        Assert.Equal(["economy", "foreign-policy", "ifp-exclusive"], sections.Select(s => (string?)s!["slug"]));
        var foreign = sections[1]!;
        Assert.Equal("Foreign Policy", (string?)foreign["name"]); // labels that slug the same are one section
        Assert.Equal(2, (int)foreign["articleCount"]!);
        Assert.Equal("2030-01-01T00:00:00+00:00", (string?)foreign["newest"]);
    }

    [Theory]
    [InlineData("/api/articles/does-not-exist")]
    [InlineData("/api/articles/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/articles?section=nope")]
    public async Task UnknownThingsAre404ProblemJson(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(404, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }

    [Fact]
    public async Task HealthReportsCountsAndIsHealthy()
    {
        var health = await _app.GetJsonAsync("/healthz");
        Assert.Equal("healthy", (string?)health["status"]);
        Assert.Equal(4, (int)health["articles"]!);
        Assert.Equal(3, (int)health["sections"]!);
        Assert.Empty(health["rejected"]!.AsArray());
        Assert.NotNull(health["snapshotAt"]);
    }
}

/// <summary>Bad captures are reported in /healthz with name and reason; every other article is served.</summary>
public sealed class RejectedCaptureTests
{
    [Fact]
    public async Task BadCapturesAreListedWithReasonsWhileGoodOnesAreServed()
    {
        using var app = new TestApp();
        app.Write("good.txt", Captures.Simple());
        app.Write("short.txt", "Politics\nOnly a title\n");
        app.Write("bad-date.txt", Captures.Simple(frontMatter: "published: last tuesday"));
        app.Write("bad name.txt", Captures.Simple());
        File.WriteAllBytes(Path.Combine(app.Folder, "latin1.txt"), [0x50, 0x6F, 0x6C, 0x0A, 0xE9, 0x0A, 0x61, 0x0A]);
        app.Write(".hidden.txt", "ignored");
        app.Write("notes.tmp", "ignored");
        Directory.CreateDirectory(Path.Combine(app.Folder, "sub.txt"));

        var health = await app.GetJsonAsync("/healthz");

        Assert.Equal(1, (int)health["articles"]!);
        var rejected = health["rejected"]!.AsArray().ToDictionary(r => (string)r!["file"]!, r => (string)r!["reason"]!);
        Assert.Equal(["bad name.txt", "bad-date.txt", "latin1.txt", "short.txt"], rejected.Keys);
        Assert.Contains("safe id", rejected["bad name.txt"]);
        Assert.Contains("'published'", rejected["bad-date.txt"]);
        Assert.Contains("UTF-8", rejected["latin1.txt"]);
        Assert.Contains("content line", rejected["short.txt"]);
        Assert.Equal("A title", (string?)(await app.GetJsonAsync("/api/articles/good"))["title"]);
    }

    [Fact]
    public async Task ACaptureOverMaxCaptureBytesIsRejectedUnread()
    {
        using var app = new TestApp(new() { ["Feeds:MaxCaptureBytes"] = "1000" });
        app.Write("big.txt", Captures.Simple(extra: new string('x', 2000)));
        app.Write("small.txt", Captures.Simple());

        var health = await app.GetJsonAsync("/healthz");

        var rejected = Assert.Single(health["rejected"]!.AsArray())!;
        Assert.Equal("big.txt", (string?)rejected["file"]);
        Assert.Contains("Feeds:MaxCaptureBytes", (string?)rejected["reason"]);
        Assert.Equal(1, (int)health["articles"]!);
    }
}

/// <summary>Options are validated at start with a clear message.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Feeds:BaseUrl", "not a url", "Feeds:BaseUrl")]
    [InlineData("Feeds:BaseUrl", "ftp://example.com/", "Feeds:BaseUrl")]
    [InlineData("Feeds:SiteTitle", "", "SiteTitle")]
    [InlineData("Feeds:Language", "english please", "Feeds:Language")]
    [InlineData("Feeds:MaxCaptureBytes", "0", "MaxCaptureBytes")]
    public void BadOptionsAreRefusedWithAMessageNamingThem(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddFeedsOptions().BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<FeedsOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public void TheAppDoesNotStartWithBadOptions()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = "not a url" });
        Assert.ThrowsAny<Exception>(() => app.CreateClient());
    }

    [Fact]
    public async Task AGoodBaseUrlIsAccepted()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = "https://feeds.example.com/" });
        Assert.Equal("healthy", (string?)(await app.GetJsonAsync("/healthz"))["status"]);
    }
}
