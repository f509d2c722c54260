using IfpFeeds.Caching;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Pages;

/// <summary>The handlers of <see cref="PagesApi"/>'s routes.</summary>
internal sealed class PageEndpoints(ArticleStore store, HtmlPages pages, RepresentationCache cache, PublicUrls urls)
{
    /// <summary><c>/</c>: every section with its feeds.</summary>
    public ValueTask<IResult> GetHomeAsync(HttpContext context)
    {
        var snapshot = store.Current;
        return pages.Serve<HomePage, ArticleSnapshot>(context.Request, "", ChangeScopes.Everything, snapshot.ContentVersion, snapshot.LastUpdated,
            snapshot, static snapshot => new() { [nameof(HomePage.Snapshot)] = snapshot });
    }

    /// <summary><c>/sections/{slug}</c>: a section's articles, newest first.</summary>
    public ValueTask<IResult> GetSectionAsync(HttpContext context)
    {
        var slug = context.Request.RouteValues["slug"] as string ?? "";
        if (!store.Current.SectionsBySlug.TryGetValue(slug, out var section))
        {
            return pages.NotFound(context.Request, $"There is no section '{Problems.Echo(slug)}'.");
        }

        if (ListPage.TryRead(context.Request, section.Articles.Length, out var page) is { } bad)
        {
            return ValueTask.FromResult(bad);
        }

        return pages.Serve<SectionPage, (Section, ListPage)>(context.Request, section.Slug, ChangeScopes.Of(section), section.Version, section.LastUpdated,
            (section, page), static s => new() { [nameof(SectionPage.Section)] = s.Item1, [nameof(SectionPage.Page)] = s.Item2 }, page.Number);
    }

    /// <summary><c>/tags/{slug}</c>: a tag's articles, newest first.</summary>
    public ValueTask<IResult> GetTagAsync(HttpContext context) => GetGroupAsync(context, store.Current.Tags, "tag");

    /// <summary><c>/authors/{slug}</c>: an author's articles, newest first.</summary>
    public ValueTask<IResult> GetAuthorAsync(HttpContext context) => GetGroupAsync(context, store.Current.Authors, "author");

    private ValueTask<IResult> GetGroupAsync(HttpContext context, ArticleGroupIndex index, string what)
    {
        var slug = context.Request.RouteValues["slug"] as string ?? "";
        if (!index.BySlug.TryGetValue(slug, out var group))
        {
            return pages.NotFound(context.Request, $"There is no {what} '{Problems.Echo(slug)}'.");
        }

        if (ListPage.TryRead(context.Request, group.Articles.Length, out var page) is { } bad)
        {
            return ValueTask.FromResult(bad);
        }

        return pages.Serve<ArticleGroupPage, (ArticleGroup, ListPage)>(context.Request, group.Scope, group.Scope, group.Version, group.LastUpdated,
            (group, page), static s => new() { [nameof(ArticleGroupPage.Group)] = s.Item1, [nameof(ArticleGroupPage.Page)] = s.Item2 }, page.Number);
    }

    /// <summary><c>/articles/{id}</c>: one article with its byline.</summary>
    public ValueTask<IResult> GetArticleAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var snapshot = store.Current;
        if (!snapshot.TryGetArticle(id, out var article))
        {
            return pages.NotFound(context.Request, $"There is no article '{Problems.Echo(id)}'.");
        }

        var section = snapshot.SectionsBySlug[article.SectionSlug];
        return pages.Serve<ArticlePage, Captures.Article>(context.Request, article.Id, ChangeScopes.Of(section), section.Version, article.Updated,
            article, static article => new() { [nameof(ArticlePage.Article)] = article });
    }

    /// <summary><c>/sitemap.xml</c>: every page, for search engines.</summary>
    public ValueTask<IResult> GetSitemapAsync(HttpContext context)
    {
        var snapshot = store.Current;
        var origin = urls.OriginOf(context.Request);
        return cache.Serve(new CacheKey("sitemap", "", 0, 0, origin), ChangeScopes.Everything, snapshot.ContentVersion, ContentTypes.Xml,
            (snapshot, urls, origin), static s => ValueTask.FromResult(RenderedBody.From(Sitemap.Render(s.snapshot, s.urls.BaseFor(s.origin)), s.snapshot.LastUpdated)));
    }

    /// <summary><c>/robots.txt</c>: everything allowed, and where the sitemap is.</summary>
    public ValueTask<IResult> GetRobotsAsync(HttpContext context)
    {
        var origin = urls.OriginOf(context.Request);
        return cache.Serve(new CacheKey("robots", "", 0, 0, origin), "asset", 0, ContentTypes.Text, (urls, origin),
            static s => ValueTask.FromResult(RenderedBody.From(Sitemap.Robots(s.urls.BaseFor(s.origin)), lastModified: null)));
    }

    /// <summary><c>/favicon.ico</c>, <c>/icon-64.png</c>, <c>/icon-512.png</c>: the icons the service ships (<see cref="SiteIcons"/>).</summary>
    public ValueTask<IResult> GetIconAsync(HttpContext context, string name, string contentType) =>
        cache.Serve(new CacheKey("asset", name, 0, 0, default), "asset", 0, contentType, name,
            static name => ValueTask.FromResult(RenderedBody.From(EmbeddedAssets.Read(name), lastModified: null)));

    /// <summary><c>/site.css</c>: the one stylesheet, a file so that pages need no inline style.</summary>
    public ValueTask<IResult> GetStylesheetAsync(HttpContext context) =>
        cache.Serve(new CacheKey("asset", "site.css", 0, 0, default), "asset", 0, ContentTypes.Css, 0,
            static _ => ValueTask.FromResult(RenderedBody.From(SiteStylesheet.Bytes, lastModified: null)));
}
