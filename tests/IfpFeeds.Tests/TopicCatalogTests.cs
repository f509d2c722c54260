using IfpFeeds.Feeds;
using IfpFeeds.WebSub;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>Which URLs are WebSub topics: page 1 of a feed that exists, in one format, at the canonical URL.</summary>
public sealed class TopicCatalogTests : IDisposable
{
    private static readonly Uri Base = new("https://feeds.example.com/");
    private readonly TestApp _app = FeedTestSet.Create();

    public void Dispose() => _app.Dispose();

    private TopicCatalog Catalog()
    {
        using var client = _app.CreateClient(); // started: the store has loaded
        return new TopicCatalog(_app.Services.GetRequiredService<FeedRepresentations>(), _app.Services.GetServices<IFeedSource>());
    }

    [Theory]
    [InlineData("https://feeds.example.com/feeds/economy.atom", "economy", FeedFormat.Atom)]
    [InlineData("https://feeds.example.com/feeds/all.rss", "all", FeedFormat.Rss)]
    [InlineData("https://feeds.example.com/feeds/recent.json", "recent", FeedFormat.Json)]
    [InlineData("https://FEEDS.example.com:443/feeds/economy.json", "economy", FeedFormat.Json)]
    [InlineData("https://feeds.example.com/feeds/%D9%81%D8%B1%D9%87%D9%86%DA%AF-%D9%88-%D9%87%D9%86%D8%B1.atom", "فرهنگ-و-هنر", FeedFormat.Atom)]
    public void AFeedThatExistsIsATopicWithItsCanonicalSelfUrl(string topic, string name, FeedFormat format)
    {
        Assert.True(Catalog().TryResolve(topic, Base, out var resolved));
        Assert.Equal(name, resolved.Name);
        Assert.Equal(format, resolved.Format);
        Assert.Equal(PublicUrlsFeed(name, format), resolved.SelfUrl);
    }

    [Theory]
    [InlineData("https://feeds.example.com/feeds/no-such-section.atom")]
    [InlineData("https://feeds.example.com/feeds/economy.atom?page=2")]
    [InlineData("https://feeds.example.com/feeds/economy.atom#x")]
    [InlineData("https://feeds.example.com/feeds/economy.xml")]
    [InlineData("https://feeds.example.com/feeds/search.atom")]
    [InlineData("http://feeds.example.com/feeds/economy.atom")]
    [InlineData("https://elsewhere.example.com/feeds/economy.atom")]
    [InlineData("https://feeds.example.com:8443/feeds/economy.atom")]
    [InlineData("https://feeds.example.com/sections/economy")]
    [InlineData("/feeds/economy.atom")]
    [InlineData("not a url")]
    public void AnythingElseIsNotATopic(string topic) => Assert.False(Catalog().TryResolve(topic, Base, out _));

    [Fact]
    public void UnderABaseWithAPathTopicsAreBelowIt()
    {
        var catalog = Catalog();
        var under = new Uri("https://example.com/news/");
        Assert.True(catalog.TryResolve("https://example.com/news/feeds/all.atom", under, out var resolved));
        Assert.Equal("https://example.com/news/feeds/all.atom", resolved.SelfUrl);
        Assert.False(catalog.TryResolve("https://example.com/feeds/all.atom", under, out _));
    }

    [Fact]
    public void EveryListedFeedIsATopicInEachFormat()
    {
        var catalog = Catalog();
        var all = catalog.All(Base).ToList();
        Assert.Equal(all.Count, all.Select(t => t.SelfUrl).Distinct().Count());
        Assert.Contains(all, t => t.SelfUrl == "https://feeds.example.com/feeds/economy.rss");
        Assert.All(all, t => Assert.True(catalog.TryResolve(t.SelfUrl, Base, out var again) && again == t, t.SelfUrl));
    }

    private static string PublicUrlsFeed(string name, FeedFormat format) =>
        IfpFeeds.Http.PublicUrls.Feed(Base, name, FeedFormats.Extension(format)).AbsoluteUri;
}
