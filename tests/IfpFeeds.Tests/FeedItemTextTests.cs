using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary>What every item of every format says: a plain-text title, and an author, the same in all three.</summary>
public sealed class FeedItemTextTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private readonly TestApp _app = new(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["Feeds:SiteTitle"] = "Front Page" });

    public FeedItemTextTests()
    {
        _app.Write("hostile.txt", CaptureText.Simple("Politics", "Iran <script>alert(1)</script> talks <b>now</b>", "tags: <b>Bold</b>")
            .Replace("The first paragraph.", "A summary with <i>markup</i>."), new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        _app.Write("signed.txt", CaptureText.Simple("Politics", "Signed story", "author: Maryam Karimi"), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TitlesArePlainTextInEveryFeedAndPageAndAsParsedInTheApi()
    {
        using var client = _app.CreateClient();
        var rss = XDocument.Parse(await client.GetStringAsync("/feeds/politics.rss"));
        var atom = XDocument.Parse(await client.GetStringAsync("/feeds/politics.atom"));
        var json = JsonNode.Parse(await client.GetStringAsync("/feeds/politics.json"))!;
        const string plain = "Iran alert(1) talks now";
        Assert.Equal(plain, rss.Descendants("item").First().Element("title")!.Value);
        Assert.Equal(plain, atom.Descendants(Atom + "entry").First().Element(Atom + "title")!.Value);
        Assert.Equal(plain, (string?)json["items"]![0]!["title"]);

        // Summaries, categories and the names in feed titles follow the same rule.
        var item = rss.Descendants("item").First();
        Assert.Equal("A summary with markup .", item.Element("description")!.Value);
        Assert.Equal(["Politics", "Bold"], item.Elements("category").Select(c => c.Value));
        Assert.Equal("A summary with markup .", atom.Descendants(Atom + "entry").First().Element(Atom + "summary")!.Value);
        Assert.Equal("Front Page: tagged Bold", XDocument.Parse(await client.GetStringAsync("/feeds/tag/b-bold-b.rss")).Root!.Element("channel")!.Element("title")!.Value);

        var page = await client.GetStringAsync("/articles/hostile");
        Assert.Contains($"<h1>{plain}</h1>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("script&gt;", await client.GetStringAsync("/sections/politics"), StringComparison.Ordinal);

        Assert.Equal("Iran <script>alert(1)</script> talks <b>now</b>", (string?)(await _app.GetJsonAsync("/api/articles/hostile"))["title"]);
    }

    [Fact]
    public async Task EveryItemNamesItsAuthorOrTheSiteTheSameInAllThreeFormats()
    {
        using var client = _app.CreateClient();
        var rss = XDocument.Parse(await client.GetStringAsync("/feeds/politics.rss")).Descendants("item")
            .Select(i => i.Element(Dc + "creator")?.Value).ToList();
        var atom = XDocument.Parse(await client.GetStringAsync("/feeds/politics.atom")).Descendants(Atom + "entry")
            .Select(e => e.Element(Atom + "author")?.Element(Atom + "name")?.Value).ToList();
        var json = JsonNode.Parse(await client.GetStringAsync("/feeds/politics.json"))!["items"]!.AsArray()
            .Select(i => (string?)i!["authors"]?[0]?["name"]).ToList();

        string?[] expected = ["Front Page", "Maryam Karimi"]; // newest first: the unsigned capture, then the signed one
        Assert.Equal(expected, rss);
        Assert.Equal(expected, atom);
        Assert.Equal(expected, json);
    }
}
