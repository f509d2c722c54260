using System.Net;
using System.Diagnostics;
using System.Text.Json.Nodes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>Edits on disk reach the API within a second; bad edits, mid-writes and a vanished folder lose nothing.</summary>
public sealed class ArticleStoreWatchTests
{

    [Fact]
    public async Task CreatedRenamedAndDeletedCapturesAreReflected()
    {
        using var app = new TestApp();
        app.Write("keep.txt", CaptureText.Simple(title: "Keep"));
        await app.GetJsonAsync("/healthz");

        app.Write("new.txt", CaptureText.Simple(section: "Economy", title: "New"));
        await app.WaitForJsonAsync("/api/sections", s => s.AsArray().Count == 2);

        File.Move(Path.Combine(app.Folder, "new.txt"), Path.Combine(app.Folder, "renamed.txt"));
        await app.WaitForJsonAsync("/api/articles", l => Ids(l).SequenceEqual(["keep", "renamed"]) || Ids(l).SequenceEqual(["renamed", "keep"]));

        // Renaming to an ignored name removes it; renaming a temp file to .txt publishes it (atomic writes).
        File.Move(Path.Combine(app.Folder, "renamed.txt"), Path.Combine(app.Folder, "renamed.bak"));
        await app.WaitForJsonAsync("/api/articles", l => Ids(l).SequenceEqual(["keep"]));
        File.WriteAllText(Path.Combine(app.Folder, "atomic.tmp"), CaptureText.Simple(title: "Atomic"));
        File.Move(Path.Combine(app.Folder, "atomic.tmp"), Path.Combine(app.Folder, "atomic.txt"));
        await app.WaitForJsonAsync("/api/articles/atomic", a => (string?)a["title"] == "Atomic");

        File.Delete(Path.Combine(app.Folder, "keep.txt"));
        await app.WaitForJsonAsync("/api/articles", l => Ids(l).SequenceEqual(["atomic"]));
        await app.WaitForJsonAsync("/api/sections", s => s.AsArray().Count == 1);
    }

    [Fact]
    public async Task OnlyTheChangedFileIsReparsed()
    {
        using var app = new TestApp();
        app.Write("a.txt", CaptureText.Simple(title: "A"));
        app.Write("b.txt", CaptureText.Simple(title: "B"));
        var store = app.Services.GetRequiredService<ArticleStore>();
        Assert.True(store.Current.TryGetArticle("b", out var bBefore));
        Assert.True(store.Current.TryGetArticle("a", out var aBefore));

        app.Write("a.txt", CaptureText.Simple(title: "A2"));
        await app.WaitForJsonAsync("/api/articles/a", a => (string?)a["title"] == "A2");

        Assert.True(store.Current.TryGetArticle("b", out var bAfter));
        Assert.Equal("B", bAfter.Title);
        Assert.Same(bBefore, bAfter); // the untouched file kept its parsed article
        Assert.True(store.Current.TryGetArticle("a", out var aAfter));
        Assert.NotSame(aBefore, aAfter); // and the changed one was parsed again
    }

    [Fact]
    public async Task AnEditThatBreaksACaptureKeepsTheLastGoodVersionAndReportsIt()
    {
        using var app = new TestApp();
        app.Write("a.txt", CaptureText.Simple(title: "Good"));
        await app.GetJsonAsync("/healthz");

        app.Write("a.txt", "Politics\n");
        var health = await app.WaitForJsonAsync("/healthz", h => h["rejected"]!.AsArray().Count == 1);

        Assert.Contains("last good version", (string?)health["rejected"]![0]!["reason"]);
        Assert.Equal("Good", (string?)(await app.GetJsonAsync("/api/articles/a"))["title"]);

        app.Write("a.txt", CaptureText.Simple(title: "Fixed"));
        await app.WaitForJsonAsync("/api/articles/a", a => (string?)a["title"] == "Fixed");
        Assert.Empty((await app.GetJsonAsync("/healthz"))["rejected"]!.AsArray());
    }

    [Fact]
    public async Task AVanishedFolderKeepsTheLastSnapshotAndRecovers()
    {
        using var app = new TestApp();
        app.Write("a.txt", CaptureText.Simple(title: "Survivor"));
        await app.GetJsonAsync("/healthz");

        var moved = app.Folder + ".away";
        Directory.Move(app.Folder, moved);
        var health = await app.WaitForJsonAsync("/healthz", h => (string?)h["status"] == "degraded");
        Assert.Contains("missing", (string?)health["reason"]);
        Assert.Equal(1, (int)health["articles"]!);
        Assert.Equal("Survivor", (string?)(await app.GetJsonAsync("/api/articles/a"))["title"]);

        File.WriteAllText(Path.Combine(moved, "b.txt"), CaptureText.Simple(title: "Arrived while away"));
        Directory.Move(moved, app.Folder);
        health = await app.WaitForJsonAsync("/healthz", h => (string?)h["status"] == "healthy");
        Assert.Equal(2, (int)health["articles"]!);

        // And the watcher works again after recovery.
        app.Write("c.txt", CaptureText.Simple(title: "After recovery"));
        await app.WaitForJsonAsync("/api/articles/c", a => (string?)a["title"] == "After recovery");
    }

    [Fact]
    public async Task ADeletedFolderKeepsTheLastSnapshotAndRecoversWithTheNewContent()
    {
        using var app = new TestApp();
        for (var i = 0; i < 200; i++)
        {
            app.Write($"a{i:D3}.txt", CaptureText.Simple(title: $"Old {i}"));
        }

        await app.WaitForJsonAsync("/healthz", h => (int)h["articles"]! == 200);

        Directory.Delete(app.Folder, recursive: true); // deletes every file, then the folder
        var health = await app.WaitForJsonAsync("/healthz", h => (string?)h["status"] == "degraded");
        await Task.Delay(800); // past the removal grace: nothing of the deletion leaks into the snapshot
        health = await app.GetJsonAsync("/healthz");
        Assert.Equal("degraded", (string?)health["status"]);
        Assert.Equal(200, (int)health["articles"]!);
        Assert.Equal("Old 7", (string?)(await app.GetJsonAsync("/api/articles/a007"))["title"]);

        Directory.CreateDirectory(app.Folder);
        app.Write("new.txt", CaptureText.Simple(title: "New"));
        health = await app.WaitForJsonAsync("/healthz", h => (string?)h["status"] == "healthy" && (int)h["articles"]! == 1);
        Assert.Equal("New", (string?)(await app.GetJsonAsync("/api/articles/new"))["title"]);
    }

    [Fact]
    public async Task AFolderMissingAtStartIsUnhealthyUntilItAppears()
    {
        // Nothing was ever loaded: an orchestrator must not send traffic (the Dockerfile's HEALTHCHECK fails).
        using var app = new TestApp(createFolder: false);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta); // every 503 says when to look again
        var health = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("unhealthy", (string?)health["status"]);
        Assert.Contains("missing", (string?)health["reason"]);
        Assert.Equal(0, (int)health["articles"]!);

        Directory.CreateDirectory(app.Folder);
        app.Write("a.txt", CaptureText.Simple());
        await app.WaitForJsonAsync("/healthz", h => (string?)h["status"] == "healthy" && (int)h["articles"]! == 1);
    }

    [Fact]
    public async Task AnUnreadableCaptureIsRejectedWithTheReason()
    {
        using var app = new TestApp();
        app.Write("good.txt", CaptureText.Simple());
        string expected;
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            // root reads any file whatever its mode: a symlink loop cannot be opened by anyone.
            File.CreateSymbolicLink(Path.Combine(app.Folder, "locked.txt"), "locked.txt");
            expected = "could not be read";
        }
        else
        {
            File.SetUnixFileMode(app.Write("locked.txt", CaptureText.Simple()), UnixFileMode.None);
            expected = "permission denied";
        }

        var health = await app.GetJsonAsync("/healthz");

        var rejected = Assert.Single(health["rejected"]!.AsArray())!;
        Assert.Equal("locked.txt", (string?)rejected["file"]);
        Assert.Contains(expected, (string?)rejected["reason"]);
        Assert.Equal(1, (int)health["articles"]!);
    }

    private static IEnumerable<string?> Ids(JsonNode list) => list.AsArray().Select(a => (string?)a!["id"]);
}
