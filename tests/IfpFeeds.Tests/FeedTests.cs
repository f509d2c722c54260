using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using NJsonSchema;

namespace IfpFeeds.Tests;

/// <summary>Feeds read back by several readers, their routes, parameters, paging and URLs.</summary>
public sealed partial class FeedTests : IClassFixture<FeedTestSetFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly TestApp _app;

    public FeedTests(FeedTestSetFixture fixture) => _app = fixture.App;

    public static TheoryData<string> Sections() => new(FeedTestSet.Sections);

    private async Task<string> GetAsync(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static int ExpectedCount(string section) => section switch
    {
        "all" => 6,
        "foreign-policy" => 2,
        _ => 1,
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task RssAndAtomReadBackWithSyndicationFeed(string section)
    {
        foreach (var extension in new[] { "rss", "atom" })
        {
            using var reader = XmlReader.Create(new StringReader(await GetAsync(FeedTestSet.FeedUrl(section, extension))));
            var feed = SyndicationFeed.Load(reader);
            Assert.Equal(ExpectedCount(section), feed.Items.Count());
            Assert.All(feed.Items, item =>
            {
                Assert.StartsWith("tag:ifpnews.com,2024:article:", item.Id);
                Assert.False(string.IsNullOrEmpty(item.Title.Text));
                Assert.NotEmpty(item.Links);
            });
            Assert.Equal(feed.Items.Count(), feed.Items.Select(i => i.Id).Distinct().Count());
        }
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task EveryFormatReadsBackWithCodeHollowFeedReader(string section)
    {
        var rss = FeedReader.ReadFromString(await GetAsync(FeedTestSet.FeedUrl(section, "rss")));
        var atom = FeedReader.ReadFromString(await GetAsync(FeedTestSet.FeedUrl(section, "atom")));
        Assert.Equal(FeedType.Rss_2_0, rss.Type);
        Assert.Equal(FeedType.Atom, atom.Type);
        Assert.Equal(rss.Items.Select(i => i.Id), atom.Items.Select(i => i.Id));
        Assert.Equal(rss.Items.Select(i => i.Title), atom.Items.Select(i => i.Title));
        Assert.All(rss.Items, i => Assert.NotNull(i.PublishingDate));
        Assert.All(rss.Items, i => Assert.Contains("<p>", i.Content));
    }

    [Theory]
    [InlineData("iranian")]
    [InlineData("%D9%83%D8%AA%D8%A7%D8%A8")] // كتاب
    [InlineData("zebra")] // no match
    public async Task SearchFeedsReadBackInEveryReaderAndFollowTheJsonFeedSchema(string q)
    {
        var rss = FeedReader.ReadFromString(await GetAsync("/feeds/search.rss?q=" + q));
        var atom = FeedReader.ReadFromString(await GetAsync("/feeds/search.atom?q=" + q));
        Assert.Equal(rss.Items.Select(i => i.Id), atom.Items.Select(i => i.Id));
        using var reader = XmlReader.Create(new StringReader(await GetAsync("/feeds/search.atom?q=" + q)));
        Assert.Equal(atom.Items.Count, SyndicationFeed.Load(reader).Items.Count());
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "jsonfeed-1.1.schema.json"));
        Assert.Empty(schema.Validate(await GetAsync("/feeds/search.json?q=" + q)));
    }

    [Theory]
    [MemberData(nameof(Sections))]
    public async Task JsonFeedFollowsTheJsonFeed11Schema(string section)
    {
        var json = await GetAsync(FeedTestSet.FeedUrl(section, "json"));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "jsonfeed-1.1.schema.json"));
        Assert.Empty(schema.Validate(json));

        var feed = JsonNode.Parse(json)!;
        Assert.Equal("https://jsonfeed.org/version/1.1", (string?)feed["version"]);
        var items = feed["items"]!.AsArray();
        Assert.Equal(ExpectedCount(section), items.Count);
        Assert.Equal(items.Count, items.Select(i => (string?)i!["id"]).Distinct().Count());
        Assert.All(items, i =>
        {
            Assert.Matches(Rfc3339(), (string?)i!["date_published"]);
            Assert.Matches(Rfc3339(), (string?)i!["date_modified"]);
            Assert.NotNull(i["content_html"]);
        });
    }

    [Fact]
    public async Task XmlUsesConventionalPrefixesAndRfcDates()
    {
        var rss = await GetAsync("/feeds/all.rss");
        Assert.DoesNotContain("a10", rss);
        Assert.Contains("xmlns:atom=\"http://www.w3.org/2005/Atom\"", rss);
        Assert.Contains("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"", rss);
        Assert.Contains("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", rss);
        var doc = XDocument.Parse(rss);
        var dates = doc.Descendants("pubDate").Concat(doc.Descendants("lastBuildDate")).Select(d => d.Value).ToList();
        Assert.NotEmpty(dates);
        Assert.All(dates, d => Assert.Matches(Rfc822(), d));

        var atom = XDocument.Parse(await GetAsync("/feeds/all.atom"));
        Assert.All(atom.Descendants(Atom + "updated").Concat(atom.Descendants(Atom + "published")), d => Assert.Matches(Rfc3339(), d.Value));
    }

    [Fact]
    public async Task FeedLevelFieldsAndItemFieldsAreThere()
    {
        var rss = XDocument.Parse(await GetAsync("/feeds/economy.rss"));
        var channel = rss.Root!.Element("channel")!;
        Assert.Equal("Iran Front Page: Economy", channel.Element("title")!.Value);
        Assert.Equal("https://feeds.example.com/sections/economy", channel.Element("link")!.Value);
        Assert.Equal("en", channel.Element("language")!.Value);
        Assert.Equal("https://feeds.example.com/feeds/economy.rss",
            channel.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        // lastBuildDate is the newest item's updated time (front matter updated: 2024-05-04T11:40+03:30), never "now".
        Assert.Equal("Sat, 04 May 2024 08:10:00 +0000", channel.Element("lastBuildDate")!.Value);

        var item = channel.Element("item")!;
        Assert.Equal("false", item.Element("guid")!.Attribute("isPermaLink")!.Value);
        Assert.Equal("https://ifpnews.com/iran-non-oil-exports-rise/", item.Element("link")!.Value);
        Assert.Equal("Maryam Karimi", item.Element(XName.Get("creator", "http://purl.org/dc/elements/1.1/"))!.Value);
        Assert.Equal(["Economy", "Trade", "Exports"], item.Elements("category").Select(c => c.Value));
        Assert.Equal("0", item.Element("enclosure")!.Attribute("length")!.Value);
        // The lead image three ways: enclosure, Media RSS, and at the top of the full text (readers that show neither).
        const string image = "https://ifpnews.com/wp-content/uploads/2024/05/bandar-abbas-port.jpg";
        XNamespace media = "http://search.yahoo.com/mrss/";
        Assert.Equal(image, item.Element(media + "content")!.Attribute("url")!.Value);
        Assert.Equal("image", item.Element(media + "content")!.Attribute("medium")!.Value);
        Assert.Equal(image, item.Element(media + "thumbnail")!.Attribute("url")!.Value);
        var content = item.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value;
        Assert.StartsWith($"<p><img src=\"{image}\" alt=\"Iran&#39;s non-oil exports rise", content);
        Assert.Contains("</p>\n<p>Iran&#39;s non-oil exports grew", content);
    }

    [Fact]
    public async Task AnArticleWithoutUrlLinksToTheServicesOwnPage()
    {
        var rss = XDocument.Parse(await GetAsync("/feeds/ifp-exclusive.rss"));
        Assert.Equal("https://feeds.example.com/articles/003_1065cd54b351d93b", rss.Descendants("item").Single().Element("link")!.Value);
    }

    [Fact]
    public async Task TheSameArticlesGiveTheSameBytesAcrossRestarts()
    {
        using var other = FeedTestSet.Create();
        using var client = other.CreateClient();
        foreach (var extension in new[] { "rss", "atom", "json" })
        {
            Assert.Equal(await GetAsync($"/feeds/all.{extension}"), await client.GetStringAsync($"/feeds/all.{extension}"));
        }
    }

    [Theory]
    [InlineData("/feeds/all.rss", "application/rss+xml; charset=utf-8")]
    [InlineData("/feeds/economy.atom", "application/atom+xml; charset=utf-8")]
    [InlineData("/feeds/economy.json", "application/feed+json; charset=utf-8")]
    [InlineData("/feeds.opml", "text/x-opml; charset=utf-8")]
    public async Task ContentTypesAreTheRegisteredOnes(string url, string contentType)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-1")]
    [InlineData("limit=201")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("limit=abc")]
    [InlineData("limit=1e3")]
    [InlineData("limit=+5")]
    [InlineData("limit=%205")]
    [InlineData("limit=5.0")]
    [InlineData("limit=")]
    [InlineData("limit=5&limit=6")]
    [InlineData("page=0")]
    [InlineData("page=-2")]
    [InlineData("page=x")]
    public async Task BadLimitOrPageIs400ProblemJson(string query)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/feeds/all.rss?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!);
    }

    [Theory]
    [InlineData("/feeds/nope.rss")]
    [InlineData("/feeds/all.xml")]
    [InlineData("/feeds/all.RSS")]
    [InlineData("/feeds/economy.rss?page=2")]
    [InlineData("/feeds/all.json?limit=200&page=2")]
    public async Task UnknownSectionFormatOrPageIs404(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownQueryParametersAreIgnored() =>
        Assert.Equal(await GetAsync("/feeds/all.rss"), await GetAsync("/feeds/all.rss?utm_source=x&foo"));

    [Fact]
    public async Task PagesFollowRfc5005AndCoverEveryArticleOnce()
    {
        var ids = new List<string>();
        string? url = "/feeds/all.atom?limit=4";
        var pages = 0;
        while (url is not null)
        {
            var doc = XDocument.Parse(await GetAsync(url));
            var links = doc.Root!.Elements(Atom + "link").ToDictionary(l => l.Attribute("rel")!.Value, l => l.Attribute("href")!.Value);
            Assert.Equal("https://feeds.example.com/feeds/all.atom?limit=4", links["first"]);
            Assert.Equal("https://feeds.example.com/feeds/all.atom?limit=4&page=2", links["last"]);
            Assert.Equal(pages > 0, links.ContainsKey("previous"));
            ids.AddRange(doc.Root.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
            url = links.TryGetValue("next", out var next) ? new Uri(next).PathAndQuery : null;
            pages++;
        }

        Assert.Equal(2, pages);
        Assert.Equal(6, ids.Count);
        Assert.Equal(6, ids.Distinct().Count());

        var json = JsonNode.Parse(await GetAsync("/feeds/all.json?limit=4"))!;
        Assert.Equal("https://feeds.example.com/feeds/all.json?limit=4&page=2", (string?)json["next_url"]);
        Assert.Null(JsonNode.Parse(await GetAsync("/feeds/all.json?limit=4&page=2"))!["next_url"]);
        var rss = XDocument.Parse(await GetAsync("/feeds/all.rss?limit=4&page=2"));
        Assert.Contains(rss.Descendants(Atom + "link"), l => (string?)l.Attribute("rel") == "previous");
    }

    [Fact]
    public async Task WithoutBaseUrlLinksFollowTheRequestButIdsDoNot()
    {
        using var app = new TestApp();
        FeedTestSet.Fill(app.Folder);
        using var client = app.CreateClient();

        using var a = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.atom");
        a.Headers.Host = "one.example";
        using var b = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.atom");
        b.Headers.Host = "two.example";
        var docA = XDocument.Parse(await (await client.SendAsync(a)).Content.ReadAsStringAsync());
        var docB = XDocument.Parse(await (await client.SendAsync(b)).Content.ReadAsStringAsync());

        Assert.Contains("http://one.example/feeds/all.atom", docA.ToString());
        Assert.DoesNotContain("two.example", docA.ToString());
        Assert.Equal(docA.Descendants(Atom + "id").Select(i => i.Value), docB.Descendants(Atom + "id").Select(i => i.Value));
    }

    [Fact]
    public async Task OpmlListsEveryFeed()
    {
        var opml = XDocument.Parse(await GetAsync("/feeds.opml"));
        Assert.Equal("2.0", opml.Root!.Attribute("version")!.Value);
        // all and recent at the top, then one folder each for the sections, the tags and the authors.
        var body = opml.Root!.Element("body")!;
        Assert.Equal(["all.rss", "recent.rss"], body.Elements("outline").Where(o => o.Attribute("xmlUrl") is not null)
            .Select(o => o.Attribute("xmlUrl")!.Value.Split('/')[^1]));
        Assert.Equal(["Sections", "Tags", "Authors"], body.Elements("outline").Where(o => o.Attribute("xmlUrl") is null).Select(o => o.Attribute("text")!.Value));
        var outlines = opml.Descendants("outline").Where(o => o.Attribute("xmlUrl") is not null).ToList();
        var tags = JsonNode.Parse(await GetAsync("/api/tags"))!.AsArray().Count;
        var authors = JsonNode.Parse(await GetAsync("/api/authors"))!.AsArray().Count;
        Assert.Equal(FeedTestSet.Sections.Length + 1 + tags + authors, outlines.Count); // FeedTestSet.Sections holds all
        Assert.All(outlines, o => Assert.Equal("rss", o.Attribute("type")!.Value));
        foreach (var outline in outlines)
        {
            await GetAsync(new Uri(outline.Attribute("xmlUrl")!.Value).PathAndQuery); // every listed feed answers 200
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$")]
    private static partial Regex Rfc822();
}
