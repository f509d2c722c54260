using System.Diagnostics;
using System.Text.Json.Nodes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Promises that depend on wall-clock timing (one-second freshness, one snapshot per burst, no half-written
/// file served), run alone (see <see cref="TimingCollection"/>).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class FreshnessTimingTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AnEditIsVisibleWithinOneSecond()
    {
        using var app = new TestApp();
        app.Write("a.txt", CaptureText.Simple(title: "Before"));
        Assert.Equal("Before", (string?)(await app.GetJsonAsync("/api/articles/a"))["title"]);

        var watch = Stopwatch.StartNew();
        app.Write("a.txt", CaptureText.Simple(title: "After"));
        await app.WaitForJsonAsync("/api/articles/a", a => (string?)a["title"] == "After");

        Assert.True(watch.Elapsed < Second, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task AChangeIsInTheSectionFeedWithinOneSecondOfTheWrite()
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl });
        app.Write("a.txt", CaptureText.Simple(section: "Alpha", title: "Before"));
        using var client = app.CreateClient();
        Assert.Contains("Before", await client.GetStringAsync("/feeds/alpha.rss"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        app.Write("a.txt", CaptureText.Simple(section: "Alpha", title: "After"));
        while (!(await client.GetStringAsync("/feeds/alpha.rss")).Contains("After", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "the change never reached the feed");
            await Task.Delay(10);
        }

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task ABurstOfEditsGivesOneNewSnapshot()
    {
        using var app = new TestApp(new() { ["Feeds:DebounceMilliseconds"] = "150" });
        app.Write("a.txt", CaptureText.Simple());
        var store = app.Services.GetRequiredService<ArticleStore>();
        var before = store.Current.Version;

        for (var i = 0; i < 50; i++)
        {
            app.Write($"burst{i}.txt", CaptureText.Simple(title: $"Burst {i}"));
        }

        await app.WaitForJsonAsync("/healthz", h => (int)h["articles"]! == 51);
        await Task.Delay(600); // let any straggling snapshot appear
        Assert.Equal(before + 1, store.Current.Version);
    }

    [Fact]
    public async Task ACaptureWrittenInChunksIsNeverServedHalfWritten()
    {
        var listener = new RecordingListener();
        using var app = new TestApp(new() { ["Feeds:SettleMilliseconds"] = "300" }, services: s => s.AddSingleton<ISnapshotListener>(listener));
        app.Write("a.txt", CaptureText.Simple(title: "Old"));
        await app.GetJsonAsync("/healthz");
        listener.Clear();

        var full = CaptureText.Simple(title: "New", extra: "Third paragraph.\n\nFourth paragraph.\n");
        await using (var stream = new FileStream(Path.Combine(app.Folder, "a.txt"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(full);
            var chunk = bytes.Length / 4 + 1;
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(chunk, bytes.Length - i)));
                await stream.FlushAsync();
                await Task.Delay(120); // slower than the debounce, faster than the settle time
            }
        }

        await app.WaitForJsonAsync("/api/articles/a", a => (string?)a["title"] == "New");
        await listener.WaitForAsync(s => s.TryGetArticle("a", out var a) && a.Title == "New"); // listeners hear just after
        Assert.Equal(4, (await app.GetJsonAsync("/api/articles/a"))["paragraphs"]!.AsArray().Count);
        Assert.Equal(["New|4"], listener.Seen.Select(s => s.TryGetArticle("a", out var a) ? a.Title + "|" + a.Paragraphs.Length : "none"));
        // one snapshot, with the final content
    }
}
