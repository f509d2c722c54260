using System.Collections.Immutable;
using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// The handlers of <see cref="FeedsApi"/>'s routes, over the feed sources and the cache. A feed request is
/// answered from the cache when it can be: finding the feed, checking the page and the lookup allocate nothing.
/// </summary>
internal sealed class FeedEndpoints(IEnumerable<IFeedSource> sources, FeedRepresentations feeds, RepresentationCache cache, PublicUrls urls, ArticleStore store,
    IOptions<FeedsOptions> options)
{
    private readonly IFeedSource[] _sources = [.. sources];
    private readonly string _opmlTitle = SafeText.Clean($"{options.Value.SiteTitle} feeds");

    /// <summary>
    /// <c>/feeds/{name}.{rss|atom|json}[?limit=&amp;page=]</c> for any name: the fallback for the feed URLs with no
    /// route of their own (unknown names, other spellings, a feed that appeared since the routes were made).
    /// </summary>
    public ValueTask<IResult> GetFeedAsync(HttpContext context)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? "").AsSpan();
        var file = path.StartsWith("/feeds/", StringComparison.Ordinal) ? path["/feeds/".Length..] : path[(path.LastIndexOf('/') + 1)..]; // tag/oil.rss
        var dot = file.LastIndexOf('.');
        if (dot <= 0 || !FeedFormats.TryParse(file[(dot + 1)..], out var format))
        {
            return Answer(Problems.NotFound("Unknown feed format", dot < 0
                ? "Feeds come as .rss, .atom or .json."
                : $"Feeds come as .rss, .atom or .json, not '.{Problems.Echo(file[(dot + 1)..].ToString())}'."));
        }

        return ServeAsync(context, file[..dot], format);
    }

    /// <summary>
    /// A feed URL with a route of its own (<see cref="FeedRoutes"/>): its name and format are known. Routing matches
    /// literals without regard to case, so another spelling of the path goes the general way (a 404).
    /// </summary>
    public ValueTask<IResult> GetKnownFeedAsync(HttpContext context, string path, string name, FeedFormat format) =>
        string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal) ? ServeAsync(context, name, format) : GetFeedAsync(context);

    private ValueTask<IResult> ServeAsync(HttpContext context, ReadOnlySpan<char> name, FeedFormat format)
    {
        var request = context.Request;
        if (FeedQuery.TryRead(request, out var page) is { } badQuery)
        {
            return Answer(badQuery);
        }

        if (!feeds.TryFind(name, out var feed))
        {
            return Answer(Problems.NotFound("Unknown feed",
                $"No section has the slug '{Problems.Echo(name.ToString())}'. GET /api/sections lists them; /feeds/all.{FeedFormats.Extension(format)} has every article."));
        }

        var pageCount = page.PageCount(feed.ItemCount);
        if (page.Number > pageCount)
        {
            return Answer(Problems.NotFound("No such page", $"This feed has {pageCount} page(s) of {page.Limit} items."));
        }

        return feeds.Serve(feed, format, page, urls.OriginOf(request));
    }

    /// <summary><c>/feeds.opml</c>: every feed every source lists, as RSS.</summary>
    public ValueTask<IResult> GetOpmlAsync(HttpContext context)
    {
        var origin = urls.OriginOf(context.Request);
        var key = new CacheKey("opml", "", 0, 0, origin);
        return cache.Serve(key, ChangeScopes.Everything, store.Current.ContentVersion, ContentTypes.Opml, (endpoints: this, origin), static s =>
        {
            var doc = s.endpoints.Opml(s.origin);
            return ValueTask.FromResult(new RenderedBody(OpmlRenderer.Render(doc), doc.DateModified));
        });
    }

    private OpmlDocument Opml(RequestOrigin origin)
    {
        var baseUrl = urls.BaseFor(origin);
        var outlines = ImmutableArray.CreateBuilder<OpmlOutline>();
        var newest = DateTimeOffset.UnixEpoch;
        foreach (var listing in _sources.SelectMany(s => s.Listings()).Where(l => l.Listed))
        {
            outlines.Add(new OpmlOutline(SafeText.Clean(listing.Title), PublicUrls.Feed(baseUrl, listing.Name, FeedFormats.Extension(FeedFormat.Rss)),
                new Uri(baseUrl, listing.HomePath), listing.Group));
            newest = listing.Updated > newest ? listing.Updated : newest;
        }

        return new OpmlDocument(_opmlTitle, newest, outlines.ToImmutable());
    }

    private static ValueTask<IResult> Answer(IResult problem) => ValueTask.FromResult(problem);
}
