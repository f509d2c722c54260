using System.Net;

namespace IfpFeeds.Tests;

/// <summary>CORS: feeds, OPML, the digest's JSON and the API are readable from any origin; pages are not opened up.</summary>
public sealed class CrossOriginTests : IDisposable
{
    private readonly TestApp _app = new();

    public CrossOriginTests() => _app.Write("a.txt", CaptureText.Simple(frontMatter: "published: 2024-01-01T00:00:00Z"));

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/feeds/all.rss", true)]
    [InlineData("/feeds/politics.json", true)]
    [InlineData("/feeds.opml", true)]
    [InlineData("/api/articles", true)]
    [InlineData("/recent.json", true)]
    [InlineData("/", false)]
    [InlineData("/sections/politics", false)]
    public async Task PublicDataAllowsAnyOriginAndExposesItsValidators(string url, bool open)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", "https://reader.example");
        using var response = await _app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(open ? "*" : null, response.Headers.TryGetValues("Access-Control-Allow-Origin", out var v) ? v.Single() : null);
        if (open)
        {
            Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task APreflightForAConditionalGetIsAnswered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/feeds/all.atom");
        request.Headers.Add("Origin", "https://reader.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var response = await _app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("GET", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("If-None-Match", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }
}
