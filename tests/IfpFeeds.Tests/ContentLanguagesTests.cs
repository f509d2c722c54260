using System.Text.Json.Nodes;
using System.Xml.Linq;
using IfpFeeds.Captures;
using IfpFeeds.Feeds;

namespace IfpFeeds.Tests;

/// <summary>Language per feed and page: detection, overrides, and what each format and page says.</summary>
public sealed class ContentLanguagesTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Xml = XNamespace.Xml;
    private const string PersianTitle = "نمایشگاه کتاب تهران با استقبال گسترده گشایش یافت";
    private const string PersianSummary = "نمایشگاه بین‌المللی کتاب تهران امروز با حضور ناشران داخلی و خارجی آغاز شد.";

    [Theory]
    [InlineData(PersianTitle, PersianSummary, "en", "fa")]
    [InlineData("Tehran book fair opens", "The fair opened today.", "en", "en")]
    [InlineData("Rouhani: ایران آماده است", "ایران آماده همکاری است و دولت برنامه دارد.", "en", "fa")] // mostly Persian
    [InlineData("Tehran news today", "ایران آماده همکاری است و دولت", "en", "fa")] // 24 Arabic-script letters against 15: most, not nearly all
    [InlineData("Tehran 1403 book fair", "۱۴۰۳ Tehran fair opened with 2,000 publishers.", "en", "en")] // digits are not letters
    [InlineData(PersianTitle, PersianSummary, "ar", "ar")] // a right-to-left default is kept
    [InlineData("Tehran book fair opens", "The fair opened today.", "de", "de")]
    public void ArabicScriptIsPersianAndTheRestTheDefault(string title, string summary, string fallback, string expected)
    {
        var article = CaptureParser.Parse("a.txt", CaptureText.Bytes($"Culture\n\n{title}\n\n{summary}\n\nMore.\n"), DateTimeOffset.UnixEpoch).Article!;
        Assert.Equal(expected, ContentLanguages.Detect(article, fallback));
    }

    [Theory]
    [InlineData("fa", true)]
    [InlineData("ar-EG", true)]
    [InlineData("he", true)]
    [InlineData("en", false)]
    [InlineData("fr-CA", false)]
    public void RightToLeftLanguagesAreKnown(string language, bool rtl) => Assert.Equal(rtl, ContentLanguages.IsRightToLeft(language));

    [Fact]
    public async Task APersianSectionSaysSoInEveryFormatAndPageAndMixedFeedsMarkItsEntries()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["Feeds:SectionLanguages:economy"] = "en-GB" });
        app.Write("fa.txt", CaptureText.Simple("فرهنگ و هنر", PersianTitle, "published: 2024-05-05T08:00:00Z\nauthor: مریم کریمی").Replace("The first paragraph.", PersianSummary));
        app.Write("en.txt", CaptureText.Simple("Economy", "Trade grows", "published: 2024-05-04T08:00:00Z"));
        using var client = app.CreateClient();
        var slug = Uri.EscapeDataString("فرهنگ-و-هنر");

        Assert.Equal("fa", XDocument.Parse(await client.GetStringAsync($"/feeds/{slug}.rss")).Root!.Element("channel")!.Element("language")!.Value);
        Assert.Equal("fa", XDocument.Parse(await client.GetStringAsync($"/feeds/{slug}.atom")).Root!.Attribute(Xml + "lang")!.Value);
        Assert.Equal("fa", (string?)JsonNode.Parse(await client.GetStringAsync($"/feeds/{slug}.json"))!["language"]);
        Assert.Equal("en-GB", XDocument.Parse(await client.GetStringAsync("/feeds/economy.rss")).Root!.Element("channel")!.Element("language")!.Value);

        // all mixes them: the feed says the default, the Persian entry says fa.
        var all = XDocument.Parse(await client.GetStringAsync("/feeds/all.atom")).Root!;
        Assert.Equal("en", all.Attribute(Xml + "lang")!.Value);
        var entries = all.Elements(Atom + "entry").ToList();
        Assert.Equal("fa", entries[0].Attribute(Xml + "lang")?.Value);
        Assert.Equal("en-GB", entries[1].Attribute(Xml + "lang")?.Value);
        var json = JsonNode.Parse(await client.GetStringAsync("/feeds/all.json"))!;
        Assert.Equal(["fa", "en-GB"], json["items"]!.AsArray().Select(i => (string?)i!["language"]));

        var api = await client.GetStringAsync("/api/articles/fa");
        Assert.Contains(PersianTitle, api, StringComparison.Ordinal); // UTF-8, not \u escapes
        Assert.DoesNotContain("\\u06", api, StringComparison.Ordinal);

        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/articles/fa"));
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", page, StringComparison.Ordinal);
        Assert.Contains("<bdi>مریم کریمی</bdi>", page, StringComparison.Ordinal);
        Assert.Contains("<time dir=\"ltr\"", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", await client.GetStringAsync($"/sections/{slug}"), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en-GB\" dir=\"ltr\">", await client.GetStringAsync("/sections/economy"), StringComparison.Ordinal);
    }
}
