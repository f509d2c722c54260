using IfpFeeds.Feeds;
using IfpFeeds.Http;

namespace IfpFeeds.Pages;

/// <summary>
/// Server-rendered HTML (Razor components, static rendering, no client framework): <c>/</c>,
/// <c>/sections/{slug}</c>, <c>/tags/{slug}</c>, <c>/authors/{slug}</c>, <c>/articles/{id}</c> and their stylesheet, cached and served with conditional GET
/// like the feeds. Razor encodes every text; every page carries feed autodiscovery links.
/// </summary>
public static class PagesApi
{
    public static IServiceCollection AddPages(this IServiceCollection services)
    {
        services.AddSingleton<PageRenderer>();
        services.AddSingleton<HtmlPages>();
        services.AddSingleton<PageEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder routes)
    {
        var pages = routes.ServiceProvider.GetRequiredService<PageEndpoints>();
        routes.MapGetHead("/", pages.GetHomeAsync);
        routes.MapGetHead("/sections/{slug}", pages.GetSectionAsync);
        routes.MapGetHead("/tags/{slug}", pages.GetTagAsync);
        routes.MapGetHead("/authors/{slug}", pages.GetAuthorAsync);
        routes.MapGetHead("/articles/{id}", pages.GetArticleAsync);
        routes.MapGetHead("/site.css", pages.GetStylesheetAsync);
        routes.MapGetHead("/sitemap.xml", pages.GetSitemapAsync);
        routes.MapGetHead("/robots.txt", pages.GetRobotsAsync);
        routes.MapGetHead("/" + SiteIcons.FaviconPath, context => pages.GetIconAsync(context, SiteIcons.FaviconPath, MediaTypes.Icon));
        routes.MapGetHead("/" + SiteIcons.SmallPath, context => pages.GetIconAsync(context, SiteIcons.SmallPath, MediaTypes.Png));
        routes.MapGetHead("/" + SiteIcons.LargePath, context => pages.GetIconAsync(context, SiteIcons.LargePath, MediaTypes.Png));
        return routes;
    }
}
