using IfpFeeds.Articles;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Pages;

/// <summary>
/// Server-rendered HTML (Razor components, static rendering, no client framework): <c>/</c>,
/// <c>/sections/{slug}</c>, <c>/articles/{id}</c>. Razor encodes every text; every page carries feed
/// autodiscovery links.
/// </summary>
public static class PagesApi
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpRequest request, ArticleStore store, PublicUrls urls, IOptions<FeedsOptions> options) =>
            new RazorComponentResult<HomePage>(new Dictionary<string, object?>
            {
                [nameof(HomePage.Snapshot)] = store.Current,
                [nameof(HomePage.SiteTitle)] = options.Value.SiteTitle,
                [nameof(HomePage.Language)] = options.Value.Language,
                [nameof(HomePage.BaseUrl)] = urls.BaseFor(request),
            }));

        routes.MapGet("/sections/{slug}", (string slug, HttpRequest request, ArticleStore store, PublicUrls urls, IOptions<FeedsOptions> options) =>
            store.Current.SectionsBySlug.TryGetValue(slug, out var section)
                ? (IResult)new RazorComponentResult<SectionPage>(new Dictionary<string, object?>
                {
                    [nameof(SectionPage.Section)] = section,
                    [nameof(SectionPage.SiteTitle)] = options.Value.SiteTitle,
                    [nameof(SectionPage.Language)] = options.Value.Language,
                    [nameof(SectionPage.BaseUrl)] = urls.BaseFor(request),
                })
                : NotFound($"There is no section '{ArticlesApi.Truncate(slug)}'.", request, urls, options.Value));

        routes.MapGet("/articles/{id}", (string id, HttpRequest request, ArticleStore store, PublicUrls urls, IOptions<FeedsOptions> options) =>
            store.Current.TryGetArticle(id, out var article)
                ? (IResult)new RazorComponentResult<ArticlePage>(new Dictionary<string, object?>
                {
                    [nameof(ArticlePage.Article)] = article,
                    [nameof(ArticlePage.SiteTitle)] = options.Value.SiteTitle,
                    [nameof(ArticlePage.Language)] = options.Value.Language,
                    [nameof(ArticlePage.BaseUrl)] = urls.BaseFor(request),
                })
                : NotFound($"There is no article '{ArticlesApi.Truncate(id)}'.", request, urls, options.Value));

        routes.MapGet("/site.css", () => TypedResults.Text(SiteCss, "text/css; charset=utf-8"));
        return routes;
    }

    private static RazorComponentResult<NotFoundPage> NotFound(string message, HttpRequest request, PublicUrls urls, FeedsOptions options) =>
        new(new Dictionary<string, object?>
        {
            [nameof(NotFoundPage.Message)] = message,
            [nameof(NotFoundPage.SiteTitle)] = options.SiteTitle,
            [nameof(NotFoundPage.Language)] = options.Language,
            [nameof(NotFoundPage.BaseUrl)] = urls.BaseFor(request),
        })
        { StatusCode = StatusCodes.Status404NotFound };

    /// <summary>The one stylesheet, served as a file so the pages need no inline style.</summary>
    private const string SiteCss = """
        body { font: 17px/1.55 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }
        header { display: flex; justify-content: space-between; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
        a { color: #0b5cad; } .site { font-weight: 700; text-decoration: none; }
        .feeds, .count, time, .byline, .section { color: #666; font-size: .9rem; }
        ul.sections li, ol.articles li { margin: .6rem 0; }
        ol.articles p { margin: .2rem 0 0; }
        .bio { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: .75rem; font-size: .95rem; }
        img { max-width: 100%; height: auto; }
        footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; color: #666; font-size: .85rem; }
        """;
}
