using System.Xml.Linq;

namespace IfpFeeds.Tests;

/// <summary>What tells an aggregator how often to poll: RSS <c>ttl</c> agrees with <c>Cache-Control: max-age</c>.</summary>
public sealed class PollingHintsTests
{
    [Theory]
    [InlineData(null, 5)] // the default 300 s
    [InlineData("150", 3)]
    [InlineData("60", 1)]
    [InlineData("0", 1)]
    public async Task RssTtlIsMaxAgeInWholeMinutesRoundedUp(string? maxAge, int minutes)
    {
        using var app = new TestApp(maxAge is null ? null : new() { ["Feeds:CacheMaxAgeSeconds"] = maxAge });
        app.Write("a.txt", CaptureText.Simple(frontMatter: "published: 2024-01-01T00:00:00Z"));
        using var client = app.CreateClient();
        foreach (var url in new[] { "/feeds/all.rss", "/feeds/politics.rss", "/feeds/recent.rss" })
        {
            using var response = await client.GetAsync(url);
            var ttl = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("channel")!.Element("ttl")!.Value;
            Assert.Equal(minutes.ToString(System.Globalization.CultureInfo.InvariantCulture), ttl);
            Assert.Equal(TimeSpan.FromSeconds(int.Parse(maxAge ?? "300", System.Globalization.CultureInfo.InvariantCulture)), response.Headers.CacheControl!.MaxAge);
        }
    }
}
