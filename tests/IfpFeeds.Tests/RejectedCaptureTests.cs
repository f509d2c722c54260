using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Tests;

/// <summary>Bad captures are reported in /healthz with name and reason; every other article is served.</summary>
public sealed class RejectedCaptureTests
{
    [Fact]
    public async Task BadCapturesAreListedWithReasonsWhileGoodOnesAreServed()
    {
        using var app = new TestApp();
        app.Write("good.txt", CaptureText.Simple());
        app.Write("short.txt", "Politics\nOnly a title\n");
        app.Write("bad-date.txt", CaptureText.Simple(frontMatter: "published: last tuesday"));
        app.Write("bad name.txt", CaptureText.Simple());
        File.WriteAllBytes(Path.Combine(app.Folder, "latin1.txt"), [0x50, 0x6F, 0x6C, 0x0A, 0xE9, 0x0A, 0x61, 0x0A]);
        app.Write(".hidden.txt", "ignored");
        app.Write("notes.tmp", "ignored");
        Directory.CreateDirectory(Path.Combine(app.Folder, "sub.txt"));

        var health = await app.GetJsonAsync("/healthz");

        Assert.Equal(1, (int)health["articles"]!);
        var rejected = health["rejected"]!.AsArray().ToDictionary(r => (string)r!["file"]!, r => (string)r!["reason"]!);
        Assert.Equal(["bad name.txt", "bad-date.txt", "latin1.txt", "short.txt"], rejected.Keys);
        Assert.Contains("safe id", rejected["bad name.txt"]);
        Assert.Contains("'published'", rejected["bad-date.txt"]);
        Assert.Contains("UTF-8", rejected["latin1.txt"]);
        Assert.Contains("content line", rejected["short.txt"]);
        Assert.Equal("A title", (string?)(await app.GetJsonAsync("/api/articles/good"))["title"]);
    }

    [Fact]
    public async Task ACaptureOverMaxCaptureBytesIsRejectedUnread()
    {
        using var app = new TestApp(new() { ["Feeds:MaxCaptureBytes"] = "1000" });
        app.Write("big.txt", CaptureText.Simple(extra: new string('x', 2000)));
        app.Write("small.txt", CaptureText.Simple());

        var health = await app.GetJsonAsync("/healthz");

        var rejected = Assert.Single(health["rejected"]!.AsArray())!;
        Assert.Equal("big.txt", (string?)rejected["file"]);
        Assert.Contains("Feeds:MaxCaptureBytes", (string?)rejected["reason"]);
        Assert.Equal(1, (int)health["articles"]!);
    }
}
