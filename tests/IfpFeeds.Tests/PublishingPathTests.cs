namespace IfpFeeds.Tests;

/// <summary>An app with publishing on, served by real Kestrel, for targets only a raw request can send.</summary>
public sealed class PublishingKestrelFixture() : KestrelAppFixture(new TestApp(Publishing.Settings()));

/// <summary>Path tricks at the server's own URL parsing: dot segments, plain or encoded, and NUL, are 400, and write nothing.</summary>
public sealed class PublishingPathTests(PublishingKestrelFixture fixture) : IClassFixture<PublishingKestrelFixture>
{
    [Theory]
    [InlineData("/api/captures/..")]
    [InlineData("/api/captures/.")]
    [InlineData("/api/captures/%2E%2E")]
    [InlineData("/api/captures/%2e%2e/api/captures/x")]
    [InlineData("/api/captures/../../etc/passwd")]
    [InlineData("/api/captures/a%00b")]
    [InlineData("/api/captures/..%2F..%2Fx")]
    public async Task APathTrickIs400(string target)
    {
        var body = CaptureText.Simple();
        var (status, head, _) = await RawHttp.SendAsync(fixture.Port,
            $"PUT {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {Publishing.Key}\r\nContent-Type: text/plain\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");
        Assert.True(status == 400, head);
        Assert.Empty(Directory.GetFileSystemEntries(fixture.App.Folder));
    }

    [Fact]
    public async Task ASearchForTheApiPathIsNotATrick()
    {
        var (status, head, _) = await RawHttp.SendAsync(fixture.Port,
            "GET /search?q=/api/captures/.. HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Assert.True(status == 200, head);
    }
}
