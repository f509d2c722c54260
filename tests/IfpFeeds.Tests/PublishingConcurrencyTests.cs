using System.Net;
using IfpFeeds.Captures;

namespace IfpFeeds.Tests;

/// <summary>No lost update (RFC 9110 §13.1): the preconditions of a write, and many writers at once on one id.</summary>
public sealed class PublishingConcurrencyTests : IDisposable
{
    private readonly TestApp _app = new(Publishing.Settings(("Feeds:Publishing:WritesPerMinute", "0")));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task IfMatchAndIfNoneMatchGuardEveryWriteBothWays()
    {
        using var client = _app.CreateClient();
        using var absent = await client.PutAsync("pub-1", CaptureText.Simple(), ("If-Match", "*"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, absent.StatusCode); // If-Match: nothing stored matches nothing

        using var created = await client.PutAsync("pub-1", CaptureText.Simple(title: "v1"), ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v1 = Publishing.ETagOf(created);
        using var createAgain = await client.PutAsync("pub-1", CaptureText.Simple(title: "v1b"), ("If-None-Match", "*"));
        Assert.Equal(HttpStatusCode.PreconditionFailed, createAgain.StatusCode);

        using var updated = await client.PutAsync("pub-1", CaptureText.Simple(title: "v2"), ("If-Match", $"\"nope\", {v1}"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var v2 = Publishing.ETagOf(updated);

        using var stale = await client.PutAsync("pub-1", CaptureText.Simple(title: "v3"), ("If-Match", v1));
        using var weak = await client.PutAsync("pub-1", CaptureText.Simple(title: "v3"), ("If-Match", "W/" + v2));
        using var staleDelete = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-1", (string?)null, null, ("If-Match", v1)));
        using var unmodified = await client.PutAsync("pub-1", CaptureText.Simple(title: "v3"), ("If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"));
        using var noneMatch = await client.PutAsync("pub-1", CaptureText.Simple(title: "v3"), ("If-None-Match", v2));
        foreach (var refused in new[] { stale, weak, staleDelete, unmodified, noneMatch })
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        using var malformed = await client.PutAsync("pub-1", CaptureText.Simple(title: "v3"), ("If-Match", "v2-unquoted"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(CaptureText.Simple(title: "v2"), await File.ReadAllTextAsync(Path.Combine(_app.Folder, "pub-1.txt")));

        using var delete = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-1", (string?)null, null, ("If-Match", v2)));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task OfManyReadEditWriteBackClientsExactlyOneWinsEachRoundAndTheFileIsAlwaysWhole()
    {
        const int Rounds = 12, Writers = 8;
        using var client = _app.CreateClient();
        using var first = await client.PutAsync("race", CaptureText.Simple(title: "round 0"));
        for (var round = 1; round <= Rounds; round++)
        {
            using var read = await client.SendAsync(Publishing.Request(HttpMethod.Get, "race"));
            var etag = Publishing.ETagOf(read);
            var bodies = Enumerable.Range(0, Writers).Select(w => CaptureText.Simple(title: $"round {round} writer {w}", extra: new string('x', 2000 * w))).ToArray();
            using var start = new SemaphoreSlim(0);
            var writes = bodies.Select(async body =>
            {
                await start.WaitAsync();
                using var response = await client.PutAsync("race", body, ("If-Match", etag));
                return (response.StatusCode, body);
            }).ToArray();
            start.Release(Writers);
            var results = await Task.WhenAll(writes);

            var winner = Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
            Assert.All(results.Where(r => r != winner), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
            var onDisk = await File.ReadAllTextAsync(Path.Combine(_app.Folder, "race.txt"));
            Assert.Equal(winner.body, onDisk);
            Assert.NotNull(CaptureParser.Parse("race.txt", CaptureText.Bytes(onDisk), DateTimeOffset.UnixEpoch).Article);
            Assert.Contains($"round {round} writer", (string?)(await _app.GetJsonAsync("/api/articles/race"))["title"]);
        }
    }

    [Fact]
    public async Task UnconditionalWritersAtOnceNeverTearTheFile()
    {
        using var client = _app.CreateClient();
        var bodies = Enumerable.Range(0, 16).Select(w => CaptureText.Simple(title: $"writer {w}", extra: new string((char)('a' + w), 50_000))).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(bodies.Select(async body =>
            {
                using var response = await client.PutAsync("torn", body);
                return response.StatusCode;
            }));
            Assert.All(results, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Created, s.ToString()));
            Assert.Contains(await File.ReadAllTextAsync(Path.Combine(_app.Folder, "torn.txt")), bodies);
            Assert.Empty(Directory.GetFiles(_app.Folder, ".*"));
        }
    }
}
