using System.Net;
using System.Xml.Linq;
using static IfpFeeds.Tests.AtomEntries;

namespace IfpFeeds.Tests;

/// <summary>Tag and author feeds, pages and API lists, through the whole app.</summary>
public sealed class ArticleGroupFeedsTests : IDisposable
{
    private readonly TestApp _app = new(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });

    public ArticleGroupFeedsTests()
    {
        _app.Write("a.txt", CaptureText.Simple("Economy", "Oil and trade", "published: 2024-03-01T00:00:00Z\ntags: Oil, Trade\nauthor: Maryam Karimi"));
        _app.Write("b.txt", CaptureText.Simple("Politics", "Oil again", "published: 2024-03-02T00:00:00Z\ntags: oil, فرهنگ, OIL\nauthor: Ali Rezaei")); // a tag given twice counts once
        _app.Write("c.txt", CaptureText.Simple("Politics", "No tags", "published: 2024-03-03T00:00:00Z\nauthor: Maryam Karimi"));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ATagFeedHasExactlyItsArticlesNewestFirstInEveryFormat()
    {
        using var client = _app.CreateClient();
        Assert.Equal(["Oil again", "Oil and trade"], Titles(await client.GetStringAsync("/feeds/tag/oil.atom"))); // "Oil" and "oil" are one tag
        Assert.Equal(["Oil and trade"], Titles(await client.GetStringAsync("/feeds/tag/trade.atom")));
        Assert.Equal(["Oil again"], Titles(await client.GetStringAsync("/feeds/tag/" + Uri.EscapeDataString("فرهنگ") + ".atom")));
        var rss = XDocument.Parse(await client.GetStringAsync("/feeds/tag/oil.rss"));
        Assert.Equal(2, rss.Descendants("item").Count());
        Assert.Equal(FeedTestSet.BaseUrl + "feeds/tag/oil.rss", rss.Descendants(Atom + "link").First(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.Contains("\"title\": \"Oil again\"", await client.GetStringAsync("/feeds/tag/oil.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorFeedHasExactlyTheirArticles()
    {
        using var client = _app.CreateClient();
        Assert.Equal(["No tags", "Oil and trade"], Titles(await client.GetStringAsync("/feeds/author/maryam-karimi.atom")));
        Assert.Equal(["Oil again"], Titles(await client.GetStringAsync("/feeds/author/ali-rezaei.atom")));
    }

    [Fact]
    public async Task FeedItemsLinkTheirAuthorsAndTagsPagesAndTheLinksLeadThere()
    {
        using var client = _app.CreateClient();
        var entry = XDocument.Parse(await client.GetStringAsync("/feeds/all.atom")).Descendants(Atom + "entry")
            .Single(e => e.Element(Atom + "title")!.Value == "Oil again");
        Assert.Equal(FeedTestSet.BaseUrl + "authors/ali-rezaei", entry.Element(Atom + "author")!.Element(Atom + "uri")!.Value);
        var json = (await _app.GetJsonAsync("/feeds/all.json"))["items"]!.AsArray().Single(i => (string?)i!["title"] == "Oil again")!;
        Assert.Equal(FeedTestSet.BaseUrl + "authors/ali-rezaei", (string?)json["authors"]![0]!["url"]);

        // The content's last paragraph links the author and each tag once (every reader shows content; RSS has no author link).
        var rss = XDocument.Parse(await client.GetStringAsync("/feeds/all.rss")).Descendants("item").Single(i => i.Element("title")!.Value == "Oil again");
        var content = rss.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value;
        var links = System.Text.RegularExpressions.Regex.Matches(content, "href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([FeedTestSet.BaseUrl + "authors/ali-rezaei", FeedTestSet.BaseUrl + "tags/oil", FeedTestSet.BaseUrl + "tags/" + Uri.EscapeDataString("فرهنگ")], links);
        foreach (var link in links)
        {
            using var page = await client.GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Theory]
    [InlineData("/feeds/tag/nope.rss")]
    [InlineData("/feeds/author/nobody.atom")]
    [InlineData("/feeds/tag/oil.txt")]
    [InlineData("/tags/nope")]
    [InlineData("/authors/nobody")]
    public async Task AnUnknownTagOrAuthorIsA404(string url)
    {
        using var response = await _app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TheApiListsTagsAndAuthorsWithCountsAndNewestDates()
    {
        var tags = (await _app.GetJsonAsync("/api/tags")).AsArray();
        Assert.Equal(["oil", "trade", "فرهنگ"], tags.Select(t => (string?)t!["slug"]));
        Assert.Equal(2, (int)tags[0]!["articleCount"]!);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), (DateTimeOffset)tags[0]!["newest"]!);
        var authors = (await _app.GetJsonAsync("/api/authors")).AsArray();
        Assert.Equal(["ali-rezaei", "maryam-karimi"], authors.Select(a => (string?)a!["slug"]));
        Assert.Equal("Maryam Karimi", (string?)authors[1]!["name"]);
    }

    [Fact]
    public async Task TagAndAuthorPagesListTheArticlesAndLeadToTheirFeeds()
    {
        using var client = _app.CreateClient();
        var tag = await client.GetStringAsync("/tags/oil");
        Assert.Contains("Oil again", tag, StringComparison.Ordinal);
        Assert.DoesNotContain("No tags", tag, StringComparison.Ordinal);
        Assert.Contains($"href=\"{FeedTestSet.BaseUrl}feeds/tag/oil.rss\"", tag, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\"", tag, StringComparison.Ordinal);
        Assert.Contains($"href=\"{FeedTestSet.BaseUrl}feeds/author/maryam-karimi.atom\"", await client.GetStringAsync("/authors/maryam-karimi"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATagFeedAnswersConditionallyAndAnEditElsewhereKeepsItsETag()
    {
        using var client = _app.CreateClient();
        var first = await client.GetAsync("/feeds/tag/trade.rss");
        var etag = first.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/feeds/tag/trade.rss"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }

        var oil = (await client.GetAsync("/feeds/tag/oil.rss")).Headers.ETag!;
        _app.Write("b.txt", CaptureText.Simple("Politics", "Oil again, updated", "published: 2024-03-02T00:00:00Z\ntags: oil\nauthor: Ali Rezaei"));
        await _app.WaitForJsonAsync("/api/articles/b", a => (string?)a["title"] == "Oil again, updated");
        await WaitForAsync(async () => (await client.GetAsync("/feeds/tag/oil.rss")).Headers.ETag!.Tag != oil.Tag);
        Assert.Equal(etag, (await client.GetAsync("/feeds/tag/trade.rss")).Headers.ETag); // a tag the edit did not touch
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/tag/" + Uri.EscapeDataString("فرهنگ") + ".rss")).StatusCode);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(20);
        }
    }
}
