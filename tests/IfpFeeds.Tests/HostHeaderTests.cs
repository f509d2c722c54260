namespace IfpFeeds.Tests;

/// <summary>
/// With <c>Feeds:BaseUrl</c> unset (the default) links are built from the request's Host header, so every value
/// a client can send there must end in a page or a 4xx problem, never a 500: no Host at all (HTTP/1.0), a port
/// over 65535, an empty label, an invalid IDN label. Walked over real Kestrel on 127.0.0.1, every route.
/// </summary>
public sealed class HostHeaderTests : IClassFixture<HostHeaderTests.KestrelFixture>
{
    private readonly int _port;

    public HostHeaderTests(KestrelFixture fixture) => _port = fixture.Port;

    /// <summary>The feed test set with <c>Feeds:BaseUrl</c> unset, over Kestrel.</summary>
    public sealed class KestrelFixture() : KestrelAppFixture(Unconfigured())
    {
        private static TestApp Unconfigured()
        {
            var app = new TestApp();
            FeedTestSet.Fill(app.Folder);
            return app;
        }
    }

    /// <summary>Every GET route, with a valid example.</summary>
    private static readonly string[] Routes =
    [
        "/", "/sections/economy", "/articles/010_e3b1c2a4d5f60718", "/sections/nope", "/articles/nope", "/feeds/all.rss", "/feeds/economy.atom",
        "/feeds/recent.json", "/feeds/all.json?page=2&limit=1", "/feeds.opml", "/recent", "/recent.json", "/recent.js", "/site.css",
        "/api/sections", "/api/articles", "/api/articles/010_e3b1c2a4d5f60718", "/healthz", "/nope",
        "/feeds/tag/economy.rss", "/feeds/author/maryam-karimi.atom", "/tags/economy", "/authors/maryam-karimi", "/api/tags", "/api/authors",
        "/sitemap.xml", "/robots.txt", "/search", "/search?q=iran", "/feeds/search.rss?q=iran",
    ];

    /// <summary>A Host header line (null: none, in HTTP/1.0) that cannot make a base URL.</summary>
    private static readonly string?[] BadHosts = [null, "127.0.0.1:99999", "a..b", "xn--", "xn--a.xn--", "-.", "[::1"];

    public static TheoryData<string, string?> Cases()
    {
        var data = new TheoryData<string, string?>();
        foreach (var route in Routes)
        {
            foreach (var host in BadHosts)
            {
                data.Add(route, host);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AHostThatCannotMakeAUrlIsA4xxProblemNeverA500(string route, string? host)
    {
        var request = host is null
            ? $"GET {route} HTTP/1.0\r\n\r\n"
            : $"GET {route} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        var (status, head, body) = await RawHttp.SendAsync(_port, request);

        Assert.InRange(status, 200, 499);
        Assert.DoesNotContain("   at ", body); // no stack trace
        if (status == 400 && body.Length > 0)
        {
            Assert.Contains("Content-Type: application/problem+json", head);
            Assert.Contains("Host", body);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1:99999")]
    [InlineData("a..b")]
    [InlineData("xn--")]
    public async Task AFeedForAHostThatCannotMakeAUrlIs400(string? host)
    {
        var request = host is null
            ? "GET /feeds/all.rss HTTP/1.0\r\n\r\n"
            : $"GET /feeds/all.rss HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
        var (status, head, _) = await RawHttp.SendAsync(_port, request);
        Assert.Equal(400, status);
        Assert.Contains("Content-Type: application/problem+json", head);
    }

    [Fact]
    public async Task AGoodHostStillGetsLinksToItself()
    {
        var (status, _, body) = await RawHttp.SendAsync(_port, "GET /feeds/all.rss HTTP/1.1\r\nHost: feeds.example.org:8080\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, status);
        Assert.Contains("<link>http://feeds.example.org:8080/</link>", body);
    }
}
