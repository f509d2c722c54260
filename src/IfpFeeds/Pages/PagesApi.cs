using IfpFeeds.Articles;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Pages;

/// <summary>
/// Server-rendered HTML (Razor components, static rendering, no client framework): <c>/</c>,
/// <c>/sections/{slug}</c>, <c>/articles/{id}</c>, cached and served with conditional GET like the feeds.
/// Razor encodes every text; every page carries feed autodiscovery links.
/// </summary>
public static class PagesApi
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/", FeedsApi.GetHead, (HttpRequest request, ArticleStore store, PageContext page) =>
        {
            var snapshot = store.Current;
            return page.Serve(request, ResourceKind.HomePage, "", RepresentationCache.AllDependency, snapshot.AllVersion,
                FeedsApi.Newest(snapshot.Articles), snapshot, static (snapshot, ctx) =>
                    ctx.Render<HomePage>(new() { [nameof(HomePage.Snapshot)] = snapshot }));
        });

        routes.MapMethods("/sections/{slug}", FeedsApi.GetHead, (string slug, HttpRequest request, ArticleStore store, PageContext page) =>
        {
            if (!store.Current.SectionsBySlug.TryGetValue(slug, out var section))
            {
                return ValueTask.FromResult(page.NotFound($"There is no section '{ArticlesApi.Truncate(slug)}'.", request));
            }

            return page.Serve(request, ResourceKind.SectionPage, section.Slug, section.Slug, section.Version,
                FeedsApi.Newest(section.Articles), section, static (section, ctx) =>
                    ctx.Render<SectionPage>(new() { [nameof(SectionPage.Section)] = section }));
        });

        routes.MapMethods("/articles/{id}", FeedsApi.GetHead, (string id, HttpRequest request, ArticleStore store, PageContext page) =>
        {
            var snapshot = store.Current;
            if (!snapshot.TryGetArticle(id, out var article))
            {
                return ValueTask.FromResult(page.NotFound($"There is no article '{ArticlesApi.Truncate(id)}'.", request));
            }

            var section = snapshot.SectionsBySlug[article.SectionSlug];
            return page.Serve(request, ResourceKind.ArticlePage, article.Id, section.Slug, section.Version,
                article.Updated, article, static (article, ctx) =>
                    ctx.Render<ArticlePage>(new() { [nameof(ArticlePage.Article)] = article }));
        });

        routes.MapMethods("/site.css", FeedsApi.GetHead, () => SiteCss.AcquireResult());
        return routes;
    }

    /// <summary>The one stylesheet, served as a file so the pages need no inline style.</summary>
    private static readonly Representation SiteCss = new(System.Text.Encoding.UTF8.GetBytes("""
        body { font: 17px/1.55 system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; color: #1b1b1b; }
        header { display: flex; justify-content: space-between; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
        a { color: #0b5cad; } .site { font-weight: 700; text-decoration: none; }
        .feeds, .count, time, .byline, .section { color: #666; font-size: .9rem; }
        ul.sections li, ol.articles li { margin: .6rem 0; }
        ol.articles p { margin: .2rem 0 0; }
        ol.articles time { margin-left: .5em; white-space: nowrap; }
        .bio { border-top: 1px solid #ddd; margin-top: 1.5rem; padding-top: .75rem; font-size: .95rem; }
        img { max-width: 100%; height: auto; }
        footer { border-top: 1px solid #ddd; margin-top: 2rem; padding-top: .5rem; color: #666; font-size: .85rem; }

        """), "text/css; charset=utf-8", DateTimeOffset.UnixEpoch, 0);
}

/// <summary>What every page needs: the site's settings, the base URL, the renderer and the cache.</summary>
public sealed class PageContext(PageRenderer renderer, RepresentationCache cache, PublicUrls urls, IOptions<FeedsOptions> options, TimeProvider time)
{
    private readonly PageRenderer _renderer = renderer;
    private readonly PublicUrls _urls = urls;
    private readonly FeedsOptions _options = options.Value;
    private readonly TimeProvider _time = time;

    /// <summary>A page as a cached representation; <paramref name="render"/> runs only on a miss.</summary>
    public ValueTask<IResult> Serve<TState>(
        HttpRequest request, ResourceKind kind, string name, string dependency, long version, DateTimeOffset lastModified,
        TState state, Func<TState, RenderScope, Task<byte[]>> render)
    {
        var key = _urls.KeyFor(request, kind, name, default, 0, 0);
        return cache.Serve(key, dependency, version, (this, request, version, lastModified, state, render), static async s =>
        {
            var (page, request, version, lastModified, state, render) = s;
            var bytes = await render(state, new RenderScope(page, page._urls.BaseFor(request)));
            return new Representation(bytes, PageRenderer.HtmlType, FeedsApi.Clamp(lastModified, page._time), version);
        });
    }

    /// <summary>A 404 page; not cached (unknown names are unbounded).</summary>
    public IResult NotFound(string message, HttpRequest request) =>
        new RazorComponentResult<NotFoundPage>(new Dictionary<string, object?>
        {
            [nameof(NotFoundPage.Message)] = message,
            [nameof(NotFoundPage.SiteTitle)] = _options.SiteTitle,
            [nameof(NotFoundPage.Language)] = _options.Language,
            [nameof(NotFoundPage.BaseUrl)] = _urls.BaseFor(request),
        })
        { StatusCode = StatusCodes.Status404NotFound };

    /// <summary>Renders one page for one base URL, adding the parameters every page takes.</summary>
    public readonly struct RenderScope(PageContext page, Uri baseUrl)
    {
        public Task<byte[]> Render<TComponent>(Dictionary<string, object?> parameters) where TComponent : Microsoft.AspNetCore.Components.IComponent
        {
            parameters["SiteTitle"] = page._options.SiteTitle;
            parameters["Language"] = page._options.Language;
            parameters["BaseUrl"] = baseUrl;
            return page._renderer.RenderAsync<TComponent>(parameters);
        }
    }
}
