using IfpFeeds.Articles;
using IfpFeeds.Http;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// <c>GET|HEAD /feeds/{name}.{rss|atom|json}</c> for every section and <c>all</c>, with <c>?limit=</c> and
/// <c>?page=</c>; <c>GET|HEAD /feeds.opml</c>. Answers come from the <see cref="RepresentationCache"/> with
/// conditional GET and compression. An unknown section, format or page is a 404, never a default.
/// </summary>
public static class FeedsApi
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedType = "application/feed+json; charset=utf-8";
    public const string OpmlType = "text/x-opml; charset=utf-8";

    internal static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/feeds/{name}.{format}", GetHead, GetFeed).WithTags("Feeds");
        routes.MapMethods("/feeds.opml", GetHead, GetOpml).WithTags("Feeds");
        return routes;
    }

    private static ValueTask<IResult> GetFeed(
        string name, string format, HttpRequest request, ArticleStore store, FeedBuilder builder, PublicUrls urls,
        RepresentationCache cache, TimeProvider time, Digest.DigestService digest)
    {
        if (!FeedBuilder.TryParseExtension(format, out var feedFormat))
        {
            return Problem(NotFound("Unknown feed format", $"Feeds come as .rss, .atom or .json, not '.{ArticlesApi.Truncate(format)}'."));
        }

        if (!FeedQuery.TryRead(request.Query, out var limit, out var page, out var problem))
        {
            return Problem(problem!);
        }

        if (name == FeedBuilder.RecentName)
        {
            return GetDigestFeed(feedFormat, limit, page, request, builder, urls, cache, time, digest.Current);
        }

        var snapshot = store.Current;
        if (!FeedBuilder.TryLocate(snapshot, name, out var count, out var version, out var dependency))
        {
            return Problem(NotFound("Unknown feed", $"No section has the slug '{ArticlesApi.Truncate(name)}'. GET /api/sections lists them; /feeds/all.{format} has every article."));
        }

        var pageCount = FeedBuilder.PageCount(count, limit);
        if (page > pageCount)
        {
            return Problem(NotFound("No such page", $"This feed has {pageCount} page(s) of {limit} items."));
        }

        var key = urls.KeyFor(request, ResourceKind.Feed, name, feedFormat, limit, page);
        return cache.Serve(key, dependency, version, (snapshot, name, feedFormat, limit, page, request, builder, urls, time), static s =>
        {
            var (snapshot, name, feedFormat, limit, page, request, builder, urls, time) = s;
            builder.TryGetSource(snapshot, name, out var source);
            var doc = builder.Build(source, feedFormat, limit, page, urls.BaseFor(request));
            return Task.FromResult(new Representation(Render(doc, feedFormat, out var type), type, Clamp(doc.Updated, time), source.Version));
        });
    }

    private static ValueTask<IResult> GetDigestFeed(
        FeedFormat feedFormat, int limit, int page, HttpRequest request, FeedBuilder builder, PublicUrls urls,
        RepresentationCache cache, TimeProvider time, Digest.DigestSnapshot digest)
    {
        var pageCount = FeedBuilder.PageCount(digest.Posts.Length, limit);
        if (page > pageCount)
        {
            return Problem(NotFound("No such page", $"This feed has {pageCount} page(s) of {limit} items."));
        }

        // The digest changes only when articles do, so its entries depend on "all".
        var key = urls.KeyFor(request, ResourceKind.Feed, FeedBuilder.RecentName, feedFormat, limit, page);
        return cache.Serve(key, RepresentationCache.AllDependency, digest.Version, (digest, feedFormat, limit, page, request, builder, urls, time), static s =>
        {
            var (digest, feedFormat, limit, page, request, builder, urls, time) = s;
            var doc = builder.BuildDigest(digest, feedFormat, limit, page, urls.BaseFor(request));
            return Task.FromResult(new Representation(Render(doc, feedFormat, out var type), type, Clamp(doc.Updated, time), digest.Version));
        });
    }

    /// <summary>The format's renderer, and the Content-Type it is served with.</summary>
    internal static SegmentedBytes Render(FeedDocument doc, FeedFormat format, out string contentType)
    {
        (var bytes, contentType) = format switch
        {
            FeedFormat.Rss => (RssRenderer.Render(doc), RssType),
            FeedFormat.Atom => (AtomRenderer.Render(doc), AtomType),
            _ => (JsonFeedRenderer.Render(doc), JsonFeedType),
        };
        return bytes;
    }

    private static ValueTask<IResult> GetOpml(HttpRequest request, ArticleStore store, PublicUrls urls, RepresentationCache cache, IOptions<FeedsOptions> options, TimeProvider time)
    {
        var snapshot = store.Current;
        var key = urls.KeyFor(request, ResourceKind.Opml, "", default, 0, 0);
        return cache.Serve(key, RepresentationCache.AllDependency, snapshot.AllVersion, (snapshot, request, urls, options, time), static s =>
        {
            var (snapshot, request, urls, options, time) = s;
            var bytes = OpmlRenderer.Render(snapshot, options.Value.SiteTitle, urls.BaseFor(request));
            return Task.FromResult(new Representation(bytes, OpmlType, Clamp(Newest(snapshot.Articles), time), snapshot.AllVersion));
        });
    }

    /// <summary>The newest updated time of <paramref name="articles"/> (the epoch when there are none).</summary>
    internal static DateTimeOffset Newest(IEnumerable<Article> articles)
    {
        var newest = DateTimeOffset.UnixEpoch;
        foreach (var article in articles)
        {
            if (article.Updated > newest)
            {
                newest = article.Updated;
            }
        }

        return newest;
    }

    /// <summary>Last-Modified is never in the future (RFC 9110 §8.8.2.1).</summary>
    internal static DateTimeOffset Clamp(DateTimeOffset lastModified, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return lastModified > now ? now : lastModified;
    }

    private static ValueTask<IResult> Problem(IResult problem) => ValueTask.FromResult(problem);

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
