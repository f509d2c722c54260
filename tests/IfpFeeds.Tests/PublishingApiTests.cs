using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IfpFeeds.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace IfpFeeds.Tests;

/// <summary>The publishing API through the whole app: each status it answers, and what a write changes (and does not).</summary>
public sealed class PublishingApiTests : IDisposable
{
    private readonly FakeLogCollector _logs = new();
    private readonly TestApp _app;
    private readonly HttpClient _client;

    public PublishingApiTests()
    {
        _app = new TestApp(Publishing.Settings(("Feeds:MaxCaptureBytes", "4096")),
            services: s => s.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(_logs)));
        _client = _app.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task ACreatedCaptureIsInEveryFeedPageAndApiAnswerAsSoonAsThe201Comes()
    {
        using var response = await _client.PutAsync("pub-1", CaptureText.Simple(title: "Published over HTTP"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/articles/pub-1", response.Headers.Location?.OriginalString);
        var etag = Publishing.ETagOf(response);
        Assert.Equal(etag, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["etag"]);

        // No waiting, no polling: the answer came once the store's snapshot held the capture.
        Assert.Equal("Published over HTTP", (string?)(await _app.GetJsonAsync("/api/articles/pub-1"))["title"]);
        foreach (var url in new[] { "/feeds/all.atom", "/feeds/politics.rss", "/feeds/all.json", "/articles/pub-1", "/sections/politics", "/search?q=published+over", "/feeds/search.atom?q=published+over" })
        {
            Assert.True((await _client.GetStringAsync(url)).Contains("Published over HTTP", StringComparison.Ordinal), url);
        }

        Assert.Equal(CaptureText.Simple(title: "Published over HTTP"), await File.ReadAllTextAsync(Path.Combine(_app.Folder, "pub-1.txt")));
        Assert.Empty(Directory.GetFiles(_app.Folder, ".*")); // no temporary file left
    }

    [Fact]
    public async Task AReplacementIs200WithANewETagAndTheSameBytesAgainAreNotRewritten()
    {
        using var created = await _client.PutAsync("pub-2", CaptureText.Simple(title: "First"));
        using var replaced = await _client.PutAsync("pub-2", CaptureText.Simple(title: "Second"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Null(replaced.Headers.Location);
        Assert.NotEqual(Publishing.ETagOf(created), Publishing.ETagOf(replaced));
        Assert.Contains("Second", await _client.GetStringAsync("/feeds/all.atom"));
        Assert.DoesNotContain(">First<", await _client.GetStringAsync("/feeds/all.atom"));

        var path = Path.Combine(_app.Folder, "pub-2.txt");
        File.SetLastWriteTimeUtc(path, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        using var again = await _client.PutAsync("pub-2", CaptureText.Simple(title: "Second"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Publishing.ETagOf(replaced), Publishing.ETagOf(again));
        Assert.Equal(2020, File.GetLastWriteTimeUtc(path).Year); // not written again
    }

    [Fact]
    public async Task TheStoredBytesComeBackWithValidatorsAndAConditionalGetIs304()
    {
        var capture = "\uFEFFPolitics\r\n\r\nA title\r\n\r\nA paragraph.\r\n"; // a BOM and CRLF: stored exactly as sent
        using var put = await _client.PutAsync("pub-3", capture);
        var etag = Publishing.ETagOf(put);

        using var get = await _client.SendAsync(Publishing.Request(HttpMethod.Get, "pub-3"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes(capture), await get.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", get.Content.Headers.ContentType?.ToString());
        Assert.Equal(etag, Publishing.ETagOf(get));
        Assert.NotNull(get.Content.Headers.LastModified);
        Assert.Contains("private", get.Headers.CacheControl?.ToString());

        using var head = await _client.SendAsync(Publishing.Request(HttpMethod.Head, "pub-3"));
        Assert.Equal(etag, Publishing.ETagOf(head));
        Assert.Equal(Encoding.UTF8.GetByteCount(capture), head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        using var notModified = await _client.SendAsync(Publishing.Request(HttpMethod.Get, "pub-3", (string?)null, null, ("If-None-Match", etag)));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        using var since = await _client.SendAsync(Publishing.Request(HttpMethod.Get, "pub-3", (string?)null, null,
            ("If-Modified-Since", get.Content.Headers.LastModified!.Value.ToString("R"))));
        Assert.Equal(HttpStatusCode.NotModified, since.StatusCode);

        using var missing = await _client.SendAsync(Publishing.Request(HttpMethod.Get, "no-such"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnOversizedCaptureCopiedIntoTheFolderIs409ToGetButCanBeReplacedWithItsETag()
    {
        _app.Write("huge.txt", CaptureText.Simple(extra: new string('x', 5000))); // over this app's 4096 bytes
        using var get = await _client.SendAsync(Publishing.Request(HttpMethod.Get, "huge"));
        Assert.Equal(HttpStatusCode.Conflict, get.StatusCode);
        Assert.Contains("Feeds:MaxCaptureBytes", (string?)JsonNode.Parse(await get.Content.ReadAsStringAsync())!["detail"]);

        using var replaced = await _client.PutAsync("huge", CaptureText.Simple(title: "Smaller now"), ("If-Match", Publishing.ETagOf(get)));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("Smaller now", (string?)(await _app.GetJsonAsync("/api/articles/huge"))["title"]);
    }

    [Fact]
    public async Task ADeleteIs204AndTheArticleLeavesEveryFeedAtOnce()
    {
        using var put = await _client.PutAsync("pub-4", CaptureText.Simple(title: "Soon gone"));
        using var delete = await _client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-4"));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        Assert.DoesNotContain("Soon gone", await _client.GetStringAsync("/feeds/all.atom"));
        using var article = await _client.GetAsync("/api/articles/pub-4");
        Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
        Assert.False(File.Exists(Path.Combine(_app.Folder, "pub-4.txt")));

        using var again = await _client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-4"));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task NoKeyOrAWrongKeyIs401WithTheBearerChallengeAndWritesNothing()
    {
        var noKey = Publishing.Request(HttpMethod.Put, "pub-5", CaptureText.Simple());
        noKey.Headers.Authorization = null;
        using var missing = await _client.SendAsync(noKey);
        using var wrong = await _client.SendAsync(Publishing.Request(HttpMethod.Put, "pub-5", CaptureText.Simple(), PublishingKeys.NewKey()));
        var hashAsKey = Publishing.Request(HttpMethod.Get, "pub-5", (string?)null, PublishingKeys.HashOf(Publishing.Key));
        using var hash = await _client.SendAsync(hashAsKey);
        var basic = Publishing.Request(HttpMethod.Delete, "pub-5");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("a:" + Publishing.Key)));
        using var basicAuth = await _client.SendAsync(basic);

        foreach (var response in new[] { missing, wrong, hash, basicAuth })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("invalid_token", missing.Headers.WwwAuthenticate.ToString());
        Assert.Contains("invalid_token", wrong.Headers.WwwAuthenticate.ToString());
        Assert.False(File.Exists(Path.Combine(_app.Folder, "pub-5.txt")));
    }

    [Theory]
    [InlineData("a%2Fb")]
    [InlineData("a%5Cb")]
    [InlineData("a%20b")]
    [InlineData(".hidden")]
    [InlineData("caf%C3%A9")]
    [InlineData("x129")]
    public async Task AnIdThatBreaksTheRulesIs400(string id)
    {
        id = id == "x129" ? new string('x', 129) : id;
        using var put = await _client.SendAsync(Publishing.Request(HttpMethod.Put, id, CaptureText.Simple()));
        using var get = await _client.SendAsync(Publishing.Request(HttpMethod.Get, id));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Directory.GetFileSystemEntries(_app.Folder));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("")]
    [InlineData("gzip")]
    public async Task AnotherMediaTypeOrACodedBodyIs415(string contentType)
    {
        var request = Publishing.Request(HttpMethod.Put, "pub-6", CaptureText.Simple());
        if (contentType == "gzip")
        {
            request.Content!.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            request.Content!.Headers.ContentType = contentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(File.Exists(Path.Combine(_app.Folder, "pub-6.txt")));
    }

    [Fact]
    public async Task ABodyOverMaxCaptureBytesIs413DeclaredOrChunked()
    {
        using var declared = await _client.PutAsync("pub-7", CaptureText.Simple(extra: new string('x', 5000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        var chunked = Publishing.Request(HttpMethod.Put, "pub-7", (byte[]?)null);
        chunked.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(CaptureText.Simple(extra: new string('y', 5000)))));
        chunked.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
        chunked.Headers.TransferEncodingChunked = true;
        using var streamed = await _client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.False(File.Exists(Path.Combine(_app.Folder, "pub-7.txt")));

        using var atTheLimit = await _client.PutAsync("pub-7", CaptureText.Simple(extra: new string('z', 4096 - CaptureText.Simple().Length)));
        Assert.Equal(HttpStatusCode.Created, atTheLimit.StatusCode);
    }

    [Fact]
    public async Task ACaptureTheParserRejectsIs422WithItsReasonAndNothingIsWritten()
    {
        using var put = await _client.PutAsync("pub-8", CaptureText.Simple());
        using var tooShort = await _client.PutAsync("pub-8", "Politics\nOnly a title\n");
        using var latin1 = await _client.SendAsync(Publishing.Request(HttpMethod.Put, "pub-8",
            Encoding.Latin1.GetBytes("Politics\nCafé\nA paragraph.\n")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooShort.StatusCode);
        Assert.Contains("content line", (string?)JsonNode.Parse(await tooShort.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, latin1.StatusCode);
        Assert.Contains("not valid UTF-8", (string?)JsonNode.Parse(await latin1.Content.ReadAsStringAsync())!["detail"]);
        Assert.Equal(CaptureText.Simple(), await File.ReadAllTextAsync(Path.Combine(_app.Folder, "pub-8.txt")));
    }

    [Fact]
    public async Task EveryWriteIsAnAuditLineNamingTheKeyNeverTheKeyItself()
    {
        using var put = await _client.PutAsync("pub-9", CaptureText.Simple());
        using var refused = await _client.PutAsync("pub-9", "nope");
        using var delete = await _client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-9"));

        var lines = _logs.GetSnapshot().Where(r => r.Category == typeof(PublishingMetrics).FullName).Select(r => r.Message).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains("key newsroom PUT pub-9: created (201)", lines[0]);
        Assert.Contains(Publishing.ETagOf(put), lines[0]);
        Assert.Contains("invalid (422)", lines[1]);
        Assert.Contains("key newsroom DELETE pub-9: deleted (204)", lines[2]);
        Assert.DoesNotContain(_logs.GetSnapshot(), r => r.Message.Contains(Publishing.Key, StringComparison.Ordinal));
    }
}
