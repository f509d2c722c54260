using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Pages;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Search;

/// <summary>
/// The handlers of <see cref="SearchApi"/>'s routes. Answers are cached in a representation cache of their own
/// (an eighth of <c>Feeds:CacheSizeLimitBytes</c>), so a flood of distinct searches cannot push the feeds out.
/// </summary>
internal sealed class SearchEndpoints(
    SearchService search, [FromKeyedServices(SearchApi.CacheName)] RepresentationCache cache, ArticleFeedDocuments documents, ContentLanguages languages,
    HtmlPages pages, PublicUrls urls, IOptions<FeedsOptions> options)
{
    /// <summary>The feed name of a search: its URLs are <c>/feeds/search.{rss|atom|json}?q=</c>.</summary>
    public const string FeedName = "search";

    private readonly string _site = options.Value.SiteTitle;
    private readonly ArticleFeedDocuments _documents = documents;
    private readonly HtmlPages _pages = pages;

    /// <summary><c>/feeds/search.{rss|atom|json}?q=…[&amp;limit=&amp;page=]</c>: a search a person can subscribe to.</summary>
    public async ValueTask<IResult> GetFeedAsync(HttpContext context, FeedFormat format)
    {
        var request = context.Request;
        if (SearchQuery.TryRead(request, required: true, out var query) is { } badQuery)
        {
            return badQuery;
        }

        if (FeedQuery.TryRead(request, out var page) is { } badPage)
        {
            return badPage;
        }

        if (await search.FindAsync(query!, context.RequestAborted) is not { } result)
        {
            return Busy(context);
        }

        var pageCount = page.PageCount(result.Articles.Length);
        if (page.Number > pageCount)
        {
            return Problems.NotFound("No such page", $"This search has {pageCount} page(s) of {page.Limit} items.");
        }

        var origin = urls.OriginOf(request);
        var key = new CacheKey("search." + FeedFormats.Extension(format), query!.Text, page.Limit, page.Number, origin);
        return await cache.Serve(key, ChangeScopes.Everything, result.Snapshot.ContentVersion, FeedFormats.ContentType(format),
            (endpoints: this, query, result, format, page, baseUrl: urls.BaseFor(origin)), static s =>
            {
                var description = s.endpoints.Describe(s.query, s.result);
                var doc = s.endpoints._documents.Build(description, s.result.Articles, s.format, s.page, s.baseUrl, s.result.Snapshot.LastUpdated);
                return ValueTask.FromResult(new RenderedBody(FeedFormats.Render(doc, s.format), doc.Updated));
            });
    }

    /// <summary><c>/search[?q=…&amp;page=N]</c>: the search form, and the newest matches, 50 a page.</summary>
    public async ValueTask<IResult> GetPageAsync(HttpContext context)
    {
        var request = context.Request;
        if (SearchQuery.TryRead(request, required: false, out var query) is { } badQuery)
        {
            return badQuery;
        }

        var origin = urls.OriginOf(request);
        if (query is null)
        {
            return await cache.Serve(new CacheKey("search.page", "", 0, 0, origin), "asset", 0, ContentTypes.Html, (pages: _pages, baseUrl: urls.BaseFor(origin)),
                static async s => new RenderedBody(await s.pages.RenderAsync<SearchPage>(s.baseUrl, new()), null));
        }

        if (await search.FindAsync(query, context.RequestAborted) is not { } result)
        {
            return Busy(context);
        }

        if (ListPage.TryRead(request, result.Articles.Length, out var page) is { } badPage)
        {
            return badPage;
        }

        var key = new CacheKey("search.page", query.Text, 0, page.Number, origin);
        return await cache.Serve(key, ChangeScopes.Everything, result.Snapshot.ContentVersion, ContentTypes.Html,
            (endpoints: this, query, result, page, baseUrl: urls.BaseFor(origin)), static async s =>
            {
                var html = await s.endpoints._pages.RenderAsync<SearchPage>(s.baseUrl, new()
                {
                    [nameof(SearchPage.Query)] = s.query,
                    [nameof(SearchPage.Result)] = s.result,
                    [nameof(SearchPage.Page)] = s.page,
                    [nameof(SearchPage.FeedTitle)] = s.endpoints.Title(s.query),
                });
                return new RenderedBody(html, s.result.Articles.IsEmpty ? s.result.Snapshot.LastUpdated : Section.LastUpdatedOf(s.result.Articles)); // as a section's page
            });
    }

    private static string Quoted(SearchQuery query) => $"“{PlainText.Of(query.Text)}”";

    private string Title(SearchQuery query) => $"{_site}: search for {Quoted(query)}";

    private FeedDescription Describe(SearchQuery query, SearchResult result) =>
        new(FeedName, Title(query), $"The latest articles of {_site} that mention {Quoted(query)}.", "search?" + query.QueryString,
            languages.For(result.Articles), query.QueryString);

    private static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many searches",
            detail: $"Every core is searching and {SearchService.MaxQueuedScans} searches are waiting; try again in a second.");
    }
}
