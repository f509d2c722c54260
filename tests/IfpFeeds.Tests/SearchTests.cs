using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using IfpFeeds.Search;
using Microsoft.Extensions.DependencyInjection;
using static IfpFeeds.Tests.AtomEntries;

namespace IfpFeeds.Tests;

/// <summary>Keyword search through the whole app: the feeds, the page, the 400s, the cache, and content changes.</summary>
public sealed class SearchTests : IDisposable
{
    private readonly TestApp _app = new(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });

    public SearchTests()
    {
        _app.Write("a.txt", CaptureText.Simple("Economy", "Oil exports rise", "published: 2024-03-01T00:00:00Z"));
        _app.Write("b.txt", "---\npublished: 2024-03-03T00:00:00Z\n---\nPolitics\n\nParliament meets\n\nA summary on OIL prices.\n\nMore.\n");
        _app.Write("c.txt", "---\npublished: 2024-03-02T00:00:00Z\n---\nPolitics\n\nA quiet day\n\nNothing here.\n\nDeep in the text, oil again.\n");
        _app.Write("d.txt", CaptureText.Simple("Politics", "Soil and turmoil", "published: 2024-03-04T00:00:00Z")); // "oil" inside words only
        _app.Write("e.txt", "---\npublished: 2024-03-05T00:00:00Z\n---\nفرهنگ و هنر\n\nنمایشگاه کتاب تهران\n\nنمایشگاه بین‌المللی کتاب آغاز شد.\n\nمتن.\n");
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ASearchFeedHasTheMatchesOfTitleSummaryAndTextNewestFirst()
    {
        using var client = _app.CreateClient();
        Assert.Equal(["Parliament meets", "A quiet day", "Oil exports rise"], Titles(await client.GetStringAsync("/feeds/search.atom?q=Oil")));
        var rss = XDocument.Parse(await client.GetStringAsync("/feeds/search.rss?q=oil"));
        Assert.Equal(3, rss.Descendants("item").Count());
        Assert.Equal(FeedTestSet.BaseUrl + "feeds/search.rss?q=oil",
            rss.Descendants(Atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        var json = await _app.GetJsonAsync("/feeds/search.json?q=OIL");
        Assert.Equal(3, json["items"]!.AsArray().Count);
        Assert.Equal(FeedTestSet.BaseUrl + "feeds/search.json?q=OIL", (string?)json["feed_url"]);
    }

    [Fact]
    public async Task PersianIsFoundWhateverTheKeyboard()
    {
        using var client = _app.CreateClient();
        // Arabic kaf (ك) for the Persian keheh, and no half-space where the text has one.
        foreach (var query in new[] { "كتاب", "بینالمللی", "بین‌المللی" })
        {
            var json = await _app.GetJsonAsync("/feeds/search.json?q=" + Uri.EscapeDataString(query));
            Assert.Equal(["نمایشگاه کتاب تهران"], json["items"]!.AsArray().Select(i => (string?)i!["title"]));
            Assert.Equal("fa", (string?)json["language"]); // every match is Persian
        }
    }

    [Fact]
    public async Task ASearchPageOfPersianMatchesIsRightToLeftWithItsEnglishLabelsIsolated()
    {
        var page = await _app.CreateClient().GetStringAsync("/search?q=" + Uri.EscapeDataString("كتاب"));
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1><bdi>Search:</bdi> <bdi>", page, StringComparison.Ordinal);
        Assert.Contains("<bdi>1 article matches.</bdi>", page, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\" dir=\"ltr\"", page, StringComparison.Ordinal); // the subscribe block's English prose
    }

    [Fact]
    public async Task ASearchWithNoMatchIsAnEmptyFeedNotAnError()
    {
        using var response = await _app.CreateClient().GetAsync("/feeds/search.atom?q=zebra");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Titles(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/feeds/search.rss")]
    [InlineData("/feeds/search.rss?q=")]
    [InlineData("/feeds/search.atom?q=%20%20%09")]
    [InlineData("/feeds/search.json?q=a&q=b")]
    [InlineData("/feeds/search.json?q=a%00b")]
    [InlineData("/feeds/search.json?q=%1B")]
    [InlineData("/feeds/search.json?q=%D9%8B%D9%8C")] // only vowel marks: nothing to search for
    [InlineData("/search?q=")]
    [InlineData("/search?q=%E2%80%8C")] // only a zero-width non-joiner
    [InlineData("/feeds/search.rss?q=oil&limit=0")]
    [InlineData("/search?q=oil&page=x")]
    public async Task ABadQueryIsA400Problem(string url)
    {
        using var response = await _app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task QueriesMayHoldOneToAHundredCharactersAfterTrimming()
    {
        using var client = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/search.rss?q=" + Uri.EscapeDataString("  " + new string('x', 100) + "  "))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/search.rss?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("ک", 100))))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/search.rss?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("😀", 100))))).StatusCode);
        using var tooLong = await client.GetAsync("/feeds/search.rss?q=" + new string('x', 101));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("101", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASearchFeedIsPagedWithItsQueryInEveryLink()
    {
        using var client = _app.CreateClient();
        var page = XDocument.Parse(await client.GetStringAsync("/feeds/search.atom?q=oil&limit=2"));
        string Link(string rel) => page.Root!.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == rel).Attribute("href")!.Value;
        Assert.Equal(FeedTestSet.BaseUrl + "feeds/search.atom?q=oil&limit=2&page=2", Link("next"));
        Assert.Equal(FeedTestSet.BaseUrl + "feeds/search.atom?q=oil&limit=2", Link("self"));
        Assert.Equal(["Oil exports rise"], Titles(await client.GetStringAsync("/feeds/search.atom?q=oil&limit=2&page=2")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/search.atom?q=oil&limit=2&page=3")).StatusCode);
    }

    [Fact]
    public async Task ASearchFeedAnswersConditionalGets()
    {
        using var client = _app.CreateClient();
        using var first = await client.GetAsync("/feeds/search.rss?q=oil");
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/feeds/search.rss?q=oil");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.NotNull(first.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task ASearchSeesANewCaptureAsSoonAsTheFeedsDo()
    {
        using var client = _app.CreateClient();
        Assert.Empty(Titles(await client.GetStringAsync("/feeds/search.atom?q=zagros")));
        _app.Write("f.txt", CaptureText.Simple("Politics", "Snow in the Zagros", "published: 2024-03-06T00:00:00Z"));
        await _app.WaitForJsonAsync("/feeds/all.json", j => j["items"]!.AsArray().Count == 6);
        Assert.Equal(["Snow in the Zagros"], Titles(await client.GetStringAsync("/feeds/search.atom?q=zagros")));
    }

    [Fact]
    public async Task EverySpellingFormatAndPageOfAQueryShareOneScan()
    {
        var search = _app.Services.GetRequiredService<SearchService>();
        using var client = _app.CreateClient();
        await client.GetStringAsync("/feeds/search.rss?q=oil");
        var scans = search.Scans;
        foreach (var url in new[] { "/feeds/search.atom?q=OIL", "/feeds/search.json?q=%20Oil", "/search?q=%EF%BD%8F%EF%BD%89%EF%BD%8C", "/feeds/search.rss?q=oil&limit=1&page=2" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(scans, search.Scans);
        await client.GetStringAsync("/feeds/search.rss?q=gas");
        Assert.Equal(scans + 1, search.Scans);
    }

    [Fact]
    public async Task TheAnswerCacheIsBoundedByCount()
    {
        var search = _app.Services.GetRequiredService<SearchService>();
        for (var i = 0; i < SearchService.MaxCachedAnswers + 200; i++)
        {
            var query = "q" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotNull(await search.FindAsync(new SearchQuery(query, SearchText.FoldQuery(query)), CancellationToken.None));
        }

        Assert.InRange(search.CachedAnswers, 1, SearchService.MaxCachedAnswers);
    }

    [Fact]
    public async Task TheSearchPageShowsTheFormTheMatchesAndTheFeeds()
    {
        using var client = _app.CreateClient();
        var empty = await client.GetStringAsync("/search");
        Assert.Contains("name=\"q\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("<link rel=\"alternate\"", empty, StringComparison.Ordinal);

        var page = await client.GetStringAsync("/search?q=oil");
        Assert.Contains("Parliament meets", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Soil and turmoil", page, StringComparison.Ordinal);
        Assert.Contains("3 articles match.", page, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Iran Front Page: search for “oil” (RSS)\" href=\"{FeedTestSet.BaseUrl}feeds/search.rss?q=oil\">",
            page, StringComparison.Ordinal);
        Assert.Contains($"<code dir=\"ltr\">{FeedTestSet.BaseUrl}feeds/search.atom?q=oil</code>", page, StringComparison.Ordinal); // the subscribe block
        Assert.Contains("value=\"oil\"", page, StringComparison.Ordinal); // the query stays in the box
        Assert.Contains("<form class=\"search\"", await client.GetStringAsync("/"), StringComparison.Ordinal); // every page can search
    }

    [Fact]
    public async Task TheSearchPageIsPagedWithItsQuery()
    {
        for (var i = 0; i < 60; i++)
        {
            _app.Write($"many{i:D2}.txt", CaptureText.Simple("Politics", $"Many oil {i:D2}", $"published: 2024-02-01T00:{i:D2}:00Z"));
        }

        await _app.WaitForJsonAsync("/feeds/all.json?limit=200", j => j["items"]!.AsArray().Count == 65);
        using var client = _app.CreateClient();
        var first = await client.GetStringAsync("/search?q=many");
        Assert.Contains($"href=\"{FeedTestSet.BaseUrl}search?q=many&amp;page=2\"", first, StringComparison.Ordinal);
        var second = await client.GetStringAsync("/search?q=many&page=2");
        Assert.Contains("Many oil 09", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Many oil 10", second, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/search?q=many&page=3")).StatusCode);
    }
}
