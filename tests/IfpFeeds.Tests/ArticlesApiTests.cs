using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>The JSON API through the whole app.</summary>
public sealed class ArticlesApiTests : IDisposable
{
    // The clock in 2031: "newer" (2030) is published, not a scheduled post, and newer than the copies' file times.
    private readonly TestApp _app = new(time: new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    public ArticlesApiTests()
    {
        _app.CopyTestData("000_b92118874895f2b6.txt");
        _app.CopyTestData("003_1065cd54b351d93b.txt");
        _app.Write("newer.txt", CaptureText.Simple("Foreign  Policy", "Newer story", "published: 2030-01-01T00:00:00Z\nurl: https://ifpnews.com/newer/\ntags: a, b"));
        _app.Write("older.txt", CaptureText.Simple("Economy", "Older story", "published: 2001-01-01T00:00:00Z"));
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
