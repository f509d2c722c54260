namespace IfpFeeds.Tests;

/// <summary>The publishing API against a wall-clock bound: alone, after the parallel tests (<see cref="TimingCollection"/>).</summary>
[Collection(TimingCollection.Name)]
public sealed class PublishingTimingTests
{
    [Fact]
    public async Task APublishedCaptureSkipsTheFoldersDebounceAndSettle()
    {
        // Files copied into the folder wait these out (seconds here); a capture the API wrote whole need not.
        using var app = new TestApp(Publishing.Settings(("Feeds:DebounceMilliseconds", "10000"), ("Feeds:SettleMilliseconds", "10000")));
        using var client = app.CreateClient();
        await client.GetStringAsync("/healthz");
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var put = await client.PutAsync("pub-1", CaptureText.Simple(title: "No waiting"));
        Assert.Contains("No waiting", await client.GetStringAsync("/feeds/all.atom"));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}: the write waited out the 10 s debounce");
        using var delete = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-1"));
        Assert.DoesNotContain("No waiting", await client.GetStringAsync("/feeds/all.atom"));
    }
}
