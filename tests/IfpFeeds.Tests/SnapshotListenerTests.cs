using IfpFeeds.Digest;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>Every new snapshot reaches every listener, each on its own: one that throws stops none of the others.</summary>
public sealed class SnapshotListenerTests
{
    [Fact]
    public async Task AListenerThatThrowsStopsNoOtherListener()
    {
        var recording = new RecordingListener();
        using var app = new TestApp(services: s =>
        {
            s.AddSingleton<ISnapshotListener, ThrowingListener>();
            s.AddSingleton<ISnapshotListener>(recording);
        });
        app.Write("a.txt", CaptureText.Simple(title: "First"));
        using var client = app.CreateClient();
        var feed = await client.GetStringAsync("/feeds/all.rss");
        Assert.Contains("First", feed);
        Assert.Single(recording.Seen); // the first snapshot, published at start, reached the listener after the thrower

        app.Write("a.txt", CaptureText.Simple(title: "Second"));
        await recording.WaitForAsync(s => s.TryGetArticle("a", out var a) && a.Title == "Second"); // the listener after the thrower

        Assert.Equal("Second", Assert.Single(recording.Seen[^1].Articles).Title);
        Assert.Contains("Second", await client.GetStringAsync("/feeds/all.rss"));
    }

    [Fact]
    public void TheDigestIsBuiltAtStartNotByTheFirstRequest()
    {
        using var app = new TestApp();
        app.CopyTestData("000_b92118874895f2b6.txt");
        var digest = app.Services.GetRequiredService<DigestService>(); // starts the app; no request is made
        Assert.NotEmpty(digest.Current.Posts);
    }

    private sealed class ThrowingListener : ISnapshotListener
    {
        public void OnSnapshotPublished(ArticleSnapshot snapshot) => throw new InvalidOperationException("a listener with a defect");
    }
}
