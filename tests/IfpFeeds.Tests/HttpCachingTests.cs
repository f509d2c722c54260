using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using IfpFeeds.Caching;
using IfpFeeds.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Caching and HTTP semantics through the whole app. Tests that only read share one app; those that change
/// files, count renders or need other settings have their own.
/// </summary>
public sealed class HttpCachingTests(FeedTestSetFixture fixture) : IClassFixture<FeedTestSetFixture>
{
    private readonly TestApp _app = fixture.App;

    private static HttpRequestMessage Get(string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public static TheoryData<string> CachedUrls() => new()
    {
        "/feeds/all.rss", "/feeds/economy.atom", "/feeds/foreign-policy.json?limit=1&page=2", "/feeds.opml",
        "/", "/sections/economy", "/articles/010_e3b1c2a4d5f60718",
        "/api/sections", "/api/articles", "/api/articles?section=economy", "/api/articles/010_e3b1c2a4d5f60718",
    };

    [Theory]
    [MemberData(nameof(CachedUrls))]
    public async Task EveryCachedResourceAnswersConditionalGetWith304AndTheSameHeaders(string url)
    {
        using var client = _app.CreateClient();

        using var first = await client.SendAsync(Get(url));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal("public, max-age=300, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400", first.Headers.CacheControl!.ToString());
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = await client.SendAsync(Get(url, ("If-None-Match", etag.Tag)));
        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Equal(first.Headers.CacheControl, byTag.Headers.CacheControl);
        Assert.Equal(first.Headers.Vary, byTag.Headers.Vary);
        Assert.Equal(lastModified, byTag.Content.Headers.LastModified);

        using var byDate = await client.SendAsync(Get(url, ("If-Modified-Since", lastModified.ToString("R"))));
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);

        using var stale = await client.SendAsync(Get(url, ("If-None-Match", "\"stale\"")));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task CompressedVariantsHaveTheirOwnTagsAndEveryTagValidates()
    {
        using var client = _app.CreateClient();

        using var identity = await client.SendAsync(Get("/feeds/all.rss", ("Accept-Encoding", "identity")));
        using var gzip = await client.SendAsync(Get("/feeds/all.rss", ("Accept-Encoding", "gzip")));
        using var br = await client.SendAsync(Get("/feeds/all.rss", ("Accept-Encoding", "gzip, deflate, br")));
        var plain = await identity.Content.ReadAsByteArrayAsync();

        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Equal(["br"], br.Content.Headers.ContentEncoding);
        Assert.Equal(plain, Decompress(new GZipStream(await gzip.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));
        Assert.Equal(plain, Decompress(new BrotliStream(await br.Content.ReadAsStreamAsync(), CompressionMode.Decompress)));

        var tags = new[] { identity.Headers.ETag!.Tag, gzip.Headers.ETag!.Tag, br.Headers.ETag!.Tag };
        Assert.Equal(3, tags.Distinct().Count());
        foreach (var tag in tags)
        {
            using var conditional = await client.SendAsync(Get("/feeds/all.rss", ("Accept-Encoding", "br"), ("If-None-Match", tag)));
            Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
            Assert.Equal(br.Headers.ETag, conditional.Headers.ETag); // the 304 names the variant it would send
        }
    }

    [Fact]
    public async Task EtagsAreTheSameAcrossRestartsAndDeriveFromTheBytes()
    {
        string tagA, tagB;
        using (var a = FeedTestSet.Create())
        {
            using var client = a.CreateClient();
            tagA = (await client.GetAsync("/feeds/all.atom")).Headers.ETag!.Tag;
        }

        using (var b = FeedTestSet.Create())
        {
            using var client = b.CreateClient();
            tagB = (await client.GetAsync("/feeds/all.atom")).Headers.ETag!.Tag;
        }

        Assert.Equal(tagA, tagB);
    }

    [Theory]
    [MemberData(nameof(CachedUrls))]
    public async Task HeadAnswersWithTheHeadersOfGetAndNoBody(string url)
    {
        using var client = _app.CreateClient();
        using var get = await client.SendAsync(Get(url, ("Accept-Encoding", "gzip")));
        using var headRequest = new HttpRequestMessage(HttpMethod.Head, url);
        headRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var head = await client.SendAsync(headRequest);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentEncoding, head.Content.Headers.ContentEncoding);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
    }

    [Fact]
    public async Task LastModifiedIsTheNewestUpdatedTimeOfWhatIsPublished()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });
        app.Write("past.txt", CaptureText.Simple(section: "Past", frontMatter: "published: 2020-01-01T00:00:00Z\nupdated: 2020-02-03T04:05:06Z"));
        app.Write("future.txt", CaptureText.Simple(section: "Future", frontMatter: "published: 2999-01-01T00:00:00Z"));
        using var client = app.CreateClient();

        var updated = new DateTimeOffset(2020, 2, 3, 4, 5, 6, TimeSpan.Zero);
        Assert.Equal(updated, (await client.GetAsync("/feeds/past.rss")).Content.Headers.LastModified);

        // A capture published in 2999 is a scheduled post: no feed of it yet, and it dates nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/future.rss")).StatusCode);
        Assert.Equal(updated, (await client.GetAsync("/feeds/all.rss")).Content.Headers.LastModified);
    }

    [Fact]
    public async Task AChangedCaptureEvictsItsSectionAndAllButNoOtherSection()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });
        app.Write("a.txt", CaptureText.Simple(section: "Alpha", title: "A1", frontMatter: "published: 2024-01-01T00:00:00Z"));
        app.Write("b.txt", CaptureText.Simple(section: "Beta", title: "B1", frontMatter: "published: 2024-01-02T00:00:00Z"));
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<RepresentationCache>();

        async Task<EntityTagHeaderValue> TagOf(string url) => (await client.GetAsync(url)).Headers.ETag!;
        var alpha = await TagOf("/feeds/alpha.rss");
        var beta = await TagOf("/feeds/beta.rss");
        var all = await TagOf("/feeds/all.rss");
        var betaPage = await TagOf("/sections/beta");
        var rendersBefore = cache.Renders;

        app.Write("a.txt", CaptureText.Simple(section: "Alpha", title: "A2", frontMatter: "published: 2024-01-01T00:00:00Z"));
        await app.WaitForJsonAsync("/api/articles/a", a => (string?)a["title"] == "A2");

        Assert.NotEqual(alpha, await TagOf("/feeds/alpha.rss"));
        Assert.NotEqual(all, await TagOf("/feeds/all.rss"));
        var rendersAfterChanged = cache.Renders;
        Assert.Equal(beta, await TagOf("/feeds/beta.rss"));
        Assert.Equal(betaPage, await TagOf("/sections/beta"));
        Assert.Equal(rendersAfterChanged, cache.Renders); // Beta's feed and page were served from the cache
        Assert.True(rendersAfterChanged > rendersBefore);
    }

    [Fact]
    public async Task ABurstOfConcurrentMissesRendersOnce()
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<RepresentationCache>();
        await client.GetAsync("/healthz");
        var before = cache.Renders;

        var responses = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => client.GetAsync("/feeds/all.atom?limit=3")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.ETag!.Tag).Distinct());
        Assert.Equal(before + 1, cache.Renders);
    }

    [Fact]
    public async Task UnknownQueryParametersCreateNoCacheEntries()
    {
        using var app = FeedTestSet.Create();
        using var client = app.CreateClient();
        var cache = app.Services.GetRequiredService<RepresentationCache>();
        await client.GetAsync("/feeds/all.rss");
        var before = cache.Renders;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/feeds/all.rss?x={i}&utm_source={i}")).StatusCode);
        }

        Assert.Equal(before, cache.Renders);
    }

    [Fact]
    public async Task AFeedBuiltForOneHostIsNeverServedToAnother()
    {
        using var app = new TestApp();
        FeedTestSet.Fill(app.Folder);
        using var client = app.CreateClient();

        async Task<string> For(string host)
        {
            using var request = Get("/feeds/all.rss");
            request.Headers.Host = host;
            return await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        }

        Assert.Contains("http://good.example/", await For("good.example"));
        Assert.DoesNotContain("good.example", await For("evil.example"));
        Assert.DoesNotContain("evil.example", await For("good.example"));
    }

    /// <summary>Reads a decompressing stream to its end, and disposes it.</summary>
    internal static byte[] Decompress(Stream stream)
    {
        using var output = new MemoryStream();
        using (stream)
        {
            stream.CopyTo(output);
        }

        return output.ToArray();
    }
}
