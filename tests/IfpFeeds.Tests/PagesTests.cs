using System.Net;
using System.Text.RegularExpressions;

namespace IfpFeeds.Tests;

/// <summary>The HTML pages: feed autodiscovery, encoded text, 404 pages.</summary>
public sealed partial class PagesTests : IClassFixture<FeedTestSetFixture>
{
    private readonly TestApp _app;

    public PagesTests(FeedTestSetFixture fixture) => _app = fixture.App;

    [Theory]
    [InlineData("/", "all")]
    [InlineData("/sections/economy", "economy")]
    [InlineData("/articles/010_e3b1c2a4d5f60718", "economy")]
    public async Task EveryPageAdvertisesItsFeedsForAutodiscovery(string url, string feed)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var (type, extension) in new[] { ("application/rss+xml", "rss"), ("application/atom+xml", "atom"), ("application/feed+json", "json") })
        {
            Assert.Matches($"<link rel=\"alternate\" type=\"{Regex.Escape(type)}\" title=\"[^\"]+\" href=\"https://feeds.example.com/feeds/{feed}.{extension}\">", html);
        }
    }

    [Fact]
    public async Task HomeListsEverySectionLeadingToItsSubscribeBlock()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/");
        foreach (var slug in new[] { "economy", "foreign-policy", "ifp-exclusive", "politics" })
        {
            Assert.Contains($"href=\"https://feeds.example.com/sections/{slug}\"", html);
            Assert.Contains($"href=\"https://feeds.example.com/sections/{slug}#subscribe\"", html); // a person's link: to the block, not raw XML

            // The section page's block: every feed address to copy, what a reader is, the OPML.
            var section = await client.GetStringAsync($"/sections/{slug}");
            Assert.Contains("<section class=\"subscribe\" id=\"subscribe\" lang=\"en\" dir=\"ltr\">", section); // English prose, marked so in a Persian page
            foreach (var extension in new[] { "rss", "atom", "json" })
            {
                Assert.Contains($"<code dir=\"ltr\">https://feeds.example.com/feeds/{slug}.{extension}</code>", section);
            }

            Assert.Contains("feed reader", section);
            Assert.Contains("href=\"https://feeds.example.com/feeds.opml\"", section);
        }

        Assert.Contains("<code dir=\"ltr\">https://feeds.example.com/feeds/all.rss</code>", html);
    }

    [Fact]
    public async Task ArticlePageShowsTheBylineAndParagraphs()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/articles/010_e3b1c2a4d5f60718");
        // The byline links the author's page, the name isolated (a Persian name cannot reorder the line), then the times.
        Assert.Contains("<bdi>By</bdi> <a href=\"https://feeds.example.com/authors/maryam-karimi\"><bdi>Maryam Karimi</bdi></a>", html);
        Assert.Contains(" · <bdi>updated</bdi> <time dir=\"ltr\" datetime=\"2024-05-04T08:10:00Z\">", html);
        Assert.Contains("<aside class=\"bio\">Maryam Karimi covers Iran", html); // the bio names the author once
        Assert.Contains(", <a href=\"https://feeds.example.com/tags/trade\"><bdi>Trade</bdi></a>", html);
        Assert.Contains("<link rel=\"canonical\" href=\"https://ifpnews.com/iran-non-oil-exports-rise/\" />", html);
        Assert.Contains("<meta property=\"og:image\" content=\"https://ifpnews.com/wp-content/uploads/2024/05/bandar-abbas-port.jpg\" />", html);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", html);
        Assert.Equal(4 + 2 + 1 + 1, Regex.Count(html, "<p[ >]")); // paragraphs + section and byline lines + tags + source
    }

    [Theory]
    [InlineData("/sections/nope")]
    [InlineData("/articles/nope")]
    public async Task UnknownSectionsAndArticlesAre404Pages(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CaptureTextIsHtmlEncoded()
    {
        using var app = new TestApp();
        app.Write("x.txt", CaptureText.Simple(section: "<b>Sec</b>", title: "<script>alert(1)</script>", extra: "\"><img src=x onerror=alert(2)>\n"));
        using var client = app.CreateClient();
        foreach (var url in new[] { "/", "/sections/b-sec-b", "/articles/x" })
        {
            var html = await client.GetStringAsync(url);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<b>Sec", html);
        }
    }
}
