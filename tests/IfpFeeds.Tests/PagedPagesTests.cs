using System.Net;
using System.Text.RegularExpressions;

namespace IfpFeeds.Tests;

/// <summary>Section, tag and author pages are paged like the feeds: 50 articles a page, <c>?page=N</c>.</summary>
public sealed partial class PagedPagesTests : IDisposable
{
    private readonly TestApp _app = new(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });

    public PagedPagesTests()
    {
        for (var i = 0; i < 120; i++)
        {
            _app.Write($"a{i:D3}.txt", CaptureText.Simple("Economy", $"Story {i:D3}", $"published: 2024-01-01T00:{i / 60:D2}:{i % 60:D2}Z\ntags: Oil\nauthor: Sara Ahmadi"));
        }
    }

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/sections/economy")]
    [InlineData("/tags/oil")]
    [InlineData("/authors/sara-ahmadi")]
    public async Task ListsArePagedNewestFirstWithLinksBothWays(string list)
    {
        using var client = _app.CreateClient();
        var first = await client.GetStringAsync(list);
        Assert.Equal(50, Stories().Count(first));
        Assert.Contains("Story 119", first, StringComparison.Ordinal);
        Assert.Contains($"rel=\"next\" href=\"{FeedTestSet.BaseUrl}{list[1..]}?page=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        var last = await client.GetStringAsync(list + "?page=3");
        Assert.Equal(20, Stories().Count(last));
        Assert.Contains("Story 000", last, StringComparison.Ordinal);
        Assert.Contains($"rel=\"prev\" href=\"{FeedTestSet.BaseUrl}{list[1..]}?page=2\"", last, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(list + "?page=4")).StatusCode);
        using var bad = await client.GetAsync(list + "?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual((await client.GetAsync(list)).Headers.ETag, (await client.GetAsync(list + "?page=2")).Headers.ETag);
    }

    [GeneratedRegex(@">Story \d{3}</a>")]
    private static partial Regex Stories();
}
