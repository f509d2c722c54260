using System.Net;

namespace IfpFeeds.Tests;

/// <summary>
/// Answers a CDN can keep and purge: <c>s-maxage</c> and <c>stale-if-error</c> in Cache-Control, and a
/// <c>Surrogate-Key</c> (also <c>Cache-Tag</c>) naming what the answer shows, on 200 and 304 alike.
/// </summary>
public sealed class CdnHeadersTests
{
    [Theory]
    [InlineData("/feeds/economy.atom", "section/economy")]
    [InlineData("/sections/economy", "section/economy")]
    [InlineData("/api/articles?section=economy", "section/economy")]
    [InlineData("/feeds/all.rss", "all")]
    [InlineData("/", "all")]
    [InlineData("/feeds/recent.json", "all")]
    [InlineData("/feeds/tag/economy.json", "tag/economy")]
    [InlineData("/feeds/author/maryam-karimi.rss", "author/maryam-karimi")]
    [InlineData("/feeds/%D9%81%D8%B1%D9%87%D9%86%DA%AF-%D9%88-%D9%87%D9%86%D8%B1.rss", "section/%D9%81%D8%B1%D9%87%D9%86%DA%AF-%D9%88-%D9%87%D9%86%D8%B1")]
    [InlineData("/site.css", "asset")]
    public async Task EachAnswerNamesWhatItShowsForPurging(string url, string key)
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        using var ok = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(key, ok.Headers.GetValues("Surrogate-Key").Single());
        Assert.Equal(key, ok.Headers.GetValues("Cache-Tag").Single());

        using var notModified = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "If-None-Match", ok.Headers.ETag!.Tag } } });
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(key, notModified.Headers.GetValues("Surrogate-Key").Single());
    }

    [Fact]
    public async Task SharedCachesGetTheirOwnMaxAgeAndMayServeStaleOnError()
    {
        using var app = FeedTestSet.Create(new() { ["Feeds:SharedMaxAgeSeconds"] = "3600", ["Feeds:StaleIfErrorSeconds"] = "600" });
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/feeds/all.atom");
        Assert.Equal("public, max-age=300, s-maxage=3600, stale-while-revalidate=60, stale-if-error=600", response.Headers.CacheControl!.ToString());
    }
}
