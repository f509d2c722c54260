using System.Net;
using System.Text.Json.Nodes;

namespace IfpFeeds.Tests;

/// <summary>Rate limiting: off by default; when configured, the excess gets a 429 with Retry-After.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task OffByDefault()
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/all.rss")).StatusCode);
        }
    }

    [Fact]
    public async Task WhenOnTheExcessGets429WithRetryAfter()
    {
        using var app = FeedTestSet.Create(new() { ["Feeds:RateLimit:PermitsPerWindow"] = "5", ["Feeds:RateLimit:WindowSeconds"] = "60" });
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/all.rss")).StatusCode);
        }

        using var refused = await client.GetAsync("/feeds/all.rss");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode); // probes are never limited
    }
}
