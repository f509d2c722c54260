using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Tests;

/// <summary>
/// Cached bodies live in recycled slabs (<see cref="SlabPool"/>) and are reference-counted: a body must never
/// be recycled while a response is still being written from it, nor served after. This hammers an app whose
/// cache is far too small, so entries are evicted (and their slabs reused by the next render) all the time,
/// and checks every byte of every answer against an app whose cache holds everything.
/// </summary>
public sealed class CacheChurnTests
{
    [Fact]
    public async Task UnderConstantEvictionEveryResponseIsByteForByteTheOneALargeCacheServes()
    {
        var urls = new List<string>();
        foreach (var section in FeedTestSet.Sections)
        {
            foreach (var format in new[] { "rss", "atom", "json" })
            {
                for (var limit = 1; limit <= 12; limit++)
                {
                    urls.Add($"{FeedTestSet.FeedUrl(section, format)}?limit={limit}");
                }
            }
        }

        urls.AddRange(["/", "/sections/economy", "/api/articles", "/feeds.opml"]);
        string[] codings = ["identity", "gzip", "br"];

        using var reference = FeedTestSet.Create();
        using var referenceClient = reference.CreateClient();
        var expected = new Dictionary<(string, string), byte[]>();
        foreach (var url in urls)
        {
            foreach (var coding in codings)
            {
                expected[(url, coding)] = await FetchAsync(referenceClient, url, coding);
            }
        }

        // About two 12-item feeds: nearly every request evicts something or is not kept at all.
        using var churn = FeedTestSet.Create(new() { ["Feeds:CacheSizeLimitBytes"] = "160000" });
        using (churn.CreateClient())
        {
            // started before the burst
        }

        var mismatches = 0;
        var requests = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            using var client = churn.CreateClient();
            var random = new Random(worker);
            for (var i = 0; i < 150; i++)
            {
                var url = urls[random.Next(urls.Count)];
                var coding = codings[random.Next(codings.Length)];
                var body = await FetchAsync(client, url, coding);
                Interlocked.Increment(ref requests);
                if (!body.AsSpan().SequenceEqual(expected[(url, coding)]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })));

        Assert.Equal(1200, requests);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public async Task ACacheTooSmallForAnyEntryStillAnswersEveryConcurrentRequestCorrectly()
    {
        using var reference = FeedTestSet.Create();
        using var referenceClient = reference.CreateClient();
        var expected = await FetchAsync(referenceClient, "/feeds/all.atom", "br");

        // 1 KB: every entry is refused by the cache (and released at once), so concurrent requests share a
        // render only while it is in flight, and late ones render again.
        using var tiny = FeedTestSet.Create(new() { ["Feeds:CacheSizeLimitBytes"] = "1024" });
        using var first = tiny.CreateClient(); // starts the server before the burst (64 threads starting it would starve the pool)
        Assert.Equal(expected, await FetchAsync(first, "/feeds/all.atom", "br"));
        var bodies = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            using var client = tiny.CreateClient();
            return await FetchAsync(client, "/feeds/all.atom", "br");
        })));

        Assert.All(bodies, body => Assert.Equal(expected, body));
    }

    private static async Task<byte[]> FetchAsync(HttpClient client, string url, string coding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
        using var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }
}
