using System.Net;
using System.Text.Json.Nodes;
using IfpFeeds.Feeds;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Every route walked with hostile inputs over real HTTP (Kestrel on 127.0.0.1, so the server's own URL
/// and header parsing is exercised): always a 4xx (or the 200 a garbage header deserves), never a 5xx,
/// never a file's contents, problem+json for errors, and the security headers on everything.
/// </summary>
public sealed class HostileRequestTests : IClassFixture<HostileRequestTests.KestrelFixture>
{
    private readonly TestApp _app;

    public HostileRequestTests(KestrelFixture fixture) => _app = fixture.App;

    /// <summary>The feed test set (with <c>Feeds:BaseUrl</c>) over Kestrel.</summary>
    public sealed class KestrelFixture() : KestrelAppFixture(FeedTestSet.Create());

    /// <summary>Every GET route of the service, with a valid example.</summary>
    private static readonly string[] Routes =
    [
        "/", "/sections/economy", "/articles/010_e3b1c2a4d5f60718", "/feeds/all.rss", "/feeds/economy.atom",
        "/feeds/recent.json", "/feeds.opml", "/recent", "/recent.json", "/recent.js", "/site.css",
        "/api/sections", "/api/articles", "/api/articles/010_e3b1c2a4d5f60718", "/healthz",
    ];

    private static readonly string[] HostileIds =
    [
        "..%2F..%2Fappsettings.json", "..%5C..%5Cappsettings.json", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "....//....//etc/passwd",
        "a%00.txt", "%00", "010_e3b1c2a4d5f60718%00", new string('a', 5_000), "%C0%AE%C0%AE%2F", "con", "x%2F..%2F..%2Fappsettings.json",
        "ünïcode", "%F0%9F%98%80", "<script>alert(1)</script>", "a;b", "a b", "%25", "appsettings.json", "../../../articles/000_b92118874895f2b6.txt",
    ];

    public static TheoryData<string> HostileUrls()
    {
        var data = new TheoryData<string>();
        foreach (var id in HostileIds)
        {
            data.Add("/articles/" + id);
            data.Add("/api/articles/" + id);
            data.Add("/sections/" + id);
            data.Add("/feeds/" + id + ".rss");
            data.Add("/feeds/all." + id);
            data.Add("/api/articles?section=" + id);
        }

        foreach (var value in new[] { "99999999999999999999", "-1", "0", "1e3", "0x10", "NaN", "", "%00", "1%2C2", "1.5", " 1", "２" })
        {
            data.Add("/feeds/all.rss?limit=" + value);
            data.Add("/feeds/all.atom?page=" + value);
            data.Add("/feeds/recent.json?limit=" + value);
            data.Add("/recent.json?limit=" + value);
            data.Add("/recent?style=" + value);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public async Task HostileUrlsGet4xxProblemsNeverA5xxOrAFile(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.InRange((int)response.StatusCode, 400, 499);
        if (body.Length > 0)
        {
            // Every answer of the app's own carries it (Kestrel's bodiless 400 for a NUL in the path does not).
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.DoesNotContain("\"Logging\"", body); // appsettings.json
        Assert.DoesNotContain("root:x:", body); // /etc/passwd
        Assert.DoesNotContain("The foreign ministers of Iran and Azerbaijan", body); // a capture file
        Assert.DoesNotContain("   at ", body); // no stack trace
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type == "text/html")
        {
            Assert.DoesNotContain("<script>alert", body); // echoed input is encoded in HTML
        }
        else if ((int)response.StatusCode != 400 || body.Length > 0)
        {
            // Kestrel's own 400 for a malformed request line has no body; everything else is a problem.
            Assert.Equal("application/problem+json", type);
        }
    }

    public static TheoryData<string, string> Methods()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes)
        {
            foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH" })
            {
                data.Add(method, route);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task OtherMethodsAre405WithAllow(string method, string route)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), route) { Content = new StringContent("x") };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string> GarbageHeaders()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in Routes)
        {
            data.Add(route, "If-None-Match", "garbage \"unterminated");
            data.Add(route, "If-None-Match", "W/");
            data.Add(route, "If-Modified-Since", "not a date");
            data.Add(route, "If-Modified-Since", "Mon, 99 Foo 2024 99:99:99 GMT");
            data.Add(route, "Accept-Encoding", "br;q=x, gzip;q=-1, *;;;,,");
            data.Add(route, "Accept-Encoding", new string('a', 4_000));
            data.Add(route, "Accept", "application/x-nonsense;;q=zz");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GarbageHeaders))]
    public async Task GarbageConditionalAndNegotiationHeadersAreIgnored(string route, string header, string value)
    {
        using var client = _app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, route);
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/sections/economy")]
    [InlineData("/articles/010_e3b1c2a4d5f60718")]
    [InlineData("/recent")]
    [InlineData("/sections/nope")]
    public async Task HtmlHasAStrictContentSecurityPolicy(string url)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html); // no inline script
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Theory]
    [InlineData("/feeds/boom-find.rss")] // throws on the request's own thread
    [InlineData("/feeds/boom-build.atom")] // throws inside the render, on the thread pool, behind the cache
    public async Task AnExceptionIsA500ProblemWithNoStackTraceOrDetail(string url)
    {
        using var app = new TestApp(services: s => s.AddSingleton<IFeedSource, ThrowingFeedSource>());
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(500, (int)problem["status"]!);
        Assert.DoesNotContain(problem, p => p.Key is "exception" or "stackTrace" or "detail");
        Assert.DoesNotContain(ThrowingFeedSource.Secret, body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain("   at ", body);
    }

    [Fact]
    public async Task ErrorsCarryNoStackTraceOutsideDevelopment()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/api/articles/nope");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.DoesNotContain(problem, p => p.Key is "exception" or "stackTrace");
    }

    /// <summary>A feed source with a defect: <c>boom-find</c> throws while it is looked up, <c>boom-build</c> while it is built.</summary>
    private sealed class ThrowingFeedSource : IFeedSource
    {
        public const string Secret = "the connection string is hunter2";

        public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
        {
            if (name.SequenceEqual("boom-find"))
            {
                throw new InvalidOperationException(Secret);
            }

            feed = new FeedHandle(this, "boom-build", this, 1, 1, "boom");
            return name.SequenceEqual("boom-build");
        }

        public FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl) => throw new InvalidOperationException(Secret);

        public IEnumerable<FeedListing> Listings() => [];
    }
}
