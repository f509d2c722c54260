using System.Net;

namespace IfpFeeds.Tests;

/// <summary><c>AllowedHosts</c>: the framework's host filtering, which the slim host keeps.</summary>
public sealed class AllowedHostsTests : IDisposable
{
    private readonly TestApp _app = new(new() { ["AllowedHosts"] = "feeds.example.com;*.example.org" });

    public AllowedHostsTests() => FeedTestSet.Fill(_app.Folder);

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("feeds.example.com", HttpStatusCode.OK)]
    [InlineData("news.example.org", HttpStatusCode.OK)]
    [InlineData("evil.example.net", HttpStatusCode.BadRequest)]
    [InlineData("feeds.example.com.evil.net", HttpStatusCode.BadRequest)]
    public async Task OnlyTheAllowedHostsAreServed(string host, HttpStatusCode expected)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/all.rss");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }
}
