using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// Every feed's rendered bytes, through the cache: the one path by which a feed request is answered and a WebSub hub
/// gets a topic's body to push, so a subscriber receives exactly the bytes a poll would. A topic (page 1 with no query)
/// carries its hubs, in the body and in a <c>Link</c> header with its self URL (W3C WebSub §4).
/// </summary>
public sealed class FeedRepresentations(IEnumerable<IFeedSource> sources, RepresentationCache cache, PublicUrls urls, FeedHubs hubs)
{
    private readonly IFeedSource[] _sources = [.. sources];
    private readonly PublicUrls _urls = urls;
    private readonly FeedHubs _hubs = hubs;

    /// <summary>The feed called <paramref name="name"/> in the current content, from whichever source has it.</summary>
    public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
    {
        foreach (var source in _sources)
        {
            if (source.TryFind(name, out feed))
            {
                return true;
            }
        }

        feed = default;
        return false;
    }

    /// <summary>Page <paramref name="page"/> of <paramref name="feed"/> as the answer to a request from <paramref name="origin"/>.</summary>
    public ValueTask<IResult> Serve(in FeedHandle feed, FeedFormat format, FeedPage page, in RequestOrigin origin) =>
        cache.Serve(KeyOf(feed, format, page, origin), feed.Dependency, feed.Version, FeedFormats.ContentType(format), (this, feed, format, page, origin), Render);

    /// <summary>
    /// The first page of <paramref name="feed"/> (the topic) as a request from <paramref name="origin"/> would get it,
    /// with a reference taken for the caller: release it (<see cref="Representation.Release"/>).
    /// </summary>
    public ValueTask<Representation> TopicAsync(in FeedHandle feed, FeedFormat format, in RequestOrigin origin) =>
        cache.GetOrCreateAsync(KeyOf(feed, format, FeedPage.First, origin), feed.Dependency, feed.Version, FeedFormats.ContentType(format),
            (this, feed, format, FeedPage.First, origin), Render);

    private static CacheKey KeyOf(in FeedHandle feed, FeedFormat format, FeedPage page, in RequestOrigin origin) =>
        new(FeedFormats.CacheResource(format), feed.Name, page.Limit, page.Number, origin);

    private static ValueTask<RenderedBody> Render((FeedRepresentations Owner, FeedHandle Feed, FeedFormat Format, FeedPage Page, RequestOrigin Origin) s)
    {
        var baseUrl = s.Owner._urls.BaseFor(s.Origin);
        var doc = s.Feed.Source.Build(s.Feed, s.Format, s.Page, baseUrl);
        string? link = null;
        if (s.Owner._hubs.Any && s.Page.Number == 1 && doc.Self.Query.Length == 0)
        {
            doc = doc with { Hubs = s.Owner._hubs.For(baseUrl) };
            link = FeedHubs.LinkHeader(doc.Hubs, doc.Self);
        }

        return ValueTask.FromResult(new RenderedBody(FeedFormats.Render(doc, s.Format), doc.Updated, Link: link));
    }
}
