using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary><c>/sitemap.xml</c> and <c>/robots.txt</c> over the feed test set.</summary>
public sealed class SitemapTests : IClassFixture<FeedTestSetFixture>
{
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly FeedTestSetFixture _fixture;

    public SitemapTests(FeedTestSetFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task TheSitemapListsEveryPageWithItsLastChange()
    {
        using var client = _fixture.App.CreateClient();
        using var response = await client.GetAsync("/sitemap.xml");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var urls = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(Sm + "url")
            .ToDictionary(u => u.Element(Sm + "loc")!.Value, u => u.Element(Sm + "lastmod")!.Value);

        var articles = (await _fixture.App.GetJsonAsync("/api/articles")).AsArray();
        var sections = (await _fixture.App.GetJsonAsync("/api/sections")).AsArray();
        var tags = (await _fixture.App.GetJsonAsync("/api/tags")).AsArray();
        var authors = (await _fixture.App.GetJsonAsync("/api/authors")).AsArray();
        Assert.Equal(1 + sections.Count + tags.Count + authors.Count + articles.Count, urls.Count);
        Assert.Contains(FeedTestSet.BaseUrl, urls.Keys);
        Assert.All(articles, a => Assert.Contains($"{FeedTestSet.BaseUrl}articles/{(string?)a!["id"]}", urls.Keys));
        Assert.All(tags, t => Assert.Contains($"{FeedTestSet.BaseUrl}tags/{Uri.EscapeDataString((string)t!["slug"]!)}", urls.Keys));
        Assert.All(authors, t => Assert.Contains($"{FeedTestSet.BaseUrl}authors/{Uri.EscapeDataString((string)t!["slug"]!)}", urls.Keys));
        Assert.All(urls.Values, d => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", d));
        foreach (var page in urls.Keys)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri(page).PathAndQuery)).StatusCode); // every URL is a page
        }
    }

    [Fact]
    public async Task RobotsAllowsEverythingButSearchesAndNamesTheSitemap()
    {
        using var response = await _fixture.App.CreateClient().GetAsync("/robots.txt");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"User-agent: *\nDisallow: /search\nDisallow: /feeds/search.\nAllow: /\n\nSitemap: {FeedTestSet.BaseUrl}sitemap.xml\n", await response.Content.ReadAsStringAsync());
    }
}
