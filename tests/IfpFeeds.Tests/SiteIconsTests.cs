using System.Buffers.Binary;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary>The site's icons: served by the service, named by every feed and page, overridable.</summary>
public sealed class SiteIconsTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [InlineData("/icon-64.png", "image/png", 64)]
    [InlineData("/icon-512.png", "image/png", 512)]
    public async Task TheShippedIconsAreSquarePngsOfTheirSize(string url, string type, int size)
    {
        using var app = new TestApp();
        using var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("\u0089PNG\r\n\u001a\n", string.Concat(png[..8].Select(b => (char)b)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(size, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.NotNull(response.Headers.ETag);
        Assert.Null(response.Content.Headers.LastModified);
    }

    [Fact]
    public async Task TheFaviconIsAnIcoHoldingThe64PixelPng()
    {
        using var app = new TestApp();
        using var response = await app.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var ico = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0, 0, 1, 0, 1, 0], ico[..6]); // reserved, type 1 (icon), one image
        Assert.Equal(64, ico[6]);
        Assert.Equal((byte)0x89, ico[22]); // the image is a PNG, right after the directory
    }

    [Theory]
    [InlineData(null, null, "https://feeds.example.com/icon-64.png", "https://feeds.example.com/icon-512.png")]
    [InlineData("https://cdn.example.com/i.png", "https://cdn.example.com/logo.png", "https://cdn.example.com/i.png", "https://cdn.example.com/logo.png")]
    public async Task EveryFeedNamesTheIconsAndPagesLinkThem(string? icon, string? logo, string small, string large)
    {
        using var app = new TestApp(new() { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["Feeds:IconUrl"] = icon, ["Feeds:LogoUrl"] = logo });
        app.Write("a.txt", CaptureText.Simple(frontMatter: "published: 2024-01-01T00:00:00Z"));
        using var client = app.CreateClient();
        foreach (var feed in new[] { "all", "politics", "recent" })
        {
            var rss = XDocument.Parse(await client.GetStringAsync($"/feeds/{feed}.rss")).Root!.Element("channel")!;
            Assert.Equal(large, rss.Element("image")!.Element("url")!.Value);
            var atom = XDocument.Parse(await client.GetStringAsync($"/feeds/{feed}.atom")).Root!;
            Assert.Equal(small, atom.Element(Atom + "icon")!.Value);
            Assert.Equal(large, atom.Element(Atom + "logo")!.Value);
            var json = JsonNode.Parse(await client.GetStringAsync($"/feeds/{feed}.json"))!;
            Assert.Equal(large, (string?)json["icon"]);
            Assert.Equal(small, (string?)json["favicon"]);
        }

        var home = await client.GetStringAsync("/");
        Assert.Contains($"<link rel=\"icon\" href=\"{small}\"", home, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"apple-touch-icon\" href=\"{large}\"", home, StringComparison.Ordinal);
        Assert.Equal(icon is null, home.Contains($"href=\"{FeedTestSet.BaseUrl}favicon.ico\"", StringComparison.Ordinal)); // ours only when yours is not set
    }
}
