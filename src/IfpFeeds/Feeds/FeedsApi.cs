using IfpFeeds.Articles;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// <c>GET /feeds/{name}.{rss|atom|json}</c> for every section and <c>all</c>, with <c>?limit=</c> and
/// <c>?page=</c>; <c>GET /feeds.opml</c>. An unknown section, format or page is a 404, never a default.
/// </summary>
public static class FeedsApi
{
    public const string RssType = "application/rss+xml; charset=utf-8";
    public const string AtomType = "application/atom+xml; charset=utf-8";
    public const string JsonFeedType = "application/feed+json; charset=utf-8";
    public const string OpmlType = "text/x-opml; charset=utf-8";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/feeds/{name}.{format}", GetFeed).WithTags("Feeds");
        routes.MapGet("/feeds.opml", (HttpRequest request, ArticleStore store, PublicUrls urls, IOptions<FeedsOptions> options) =>
            TypedResults.Bytes(OpmlRenderer.Render(store.Current, options.Value.SiteTitle, urls.BaseFor(request)), OpmlType))
            .WithTags("Feeds");
        return routes;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> GetFeed(
        string name, string format, HttpRequest request, ArticleStore store, FeedBuilder builder, PublicUrls urls)
    {
        if (!FeedBuilder.TryParseExtension(format, out var feedFormat))
        {
            return NotFound("Unknown feed format", $"Feeds come as .rss, .atom or .json, not '.{ArticlesApi.Truncate(format)}'.");
        }

        if (!FeedQuery.TryRead(request.Query, out var limit, out var page, out var problem))
        {
            return problem!;
        }

        var baseUrl = urls.BaseFor(request);
        if (!builder.TryGetSource(store.Current, name, baseUrl, out var source))
        {
            return NotFound("Unknown feed", $"No section has the slug '{ArticlesApi.Truncate(name)}'. GET /api/sections lists them; /feeds/all.{format} has every article.");
        }

        var pageCount = FeedBuilder.PageCount(source, limit);
        if (page > pageCount)
        {
            return NotFound("No such page", $"This feed has {pageCount} page(s) of {limit} items.");
        }

        var doc = builder.Build(source, feedFormat, limit, page, baseUrl);
        return feedFormat switch
        {
            FeedFormat.Rss => TypedResults.Bytes(RssRenderer.Render(doc), RssType),
            FeedFormat.Atom => TypedResults.Bytes(AtomRenderer.Render(doc), AtomType),
            _ => TypedResults.Bytes(JsonFeedRenderer.Render(doc), JsonFeedType),
        };
    }

    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
