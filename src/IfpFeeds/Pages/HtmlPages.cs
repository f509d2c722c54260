using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Http;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Pages;

/// <summary>
/// The site's HTML pages as answers: a component rendered with the parameters every page takes (the site's
/// title and language, the base URL), cached like a feed; and the 404 page.
/// </summary>
public sealed class HtmlPages(PageRenderer renderer, RepresentationCache cache, PublicUrls urls, IOptions<FeedsOptions> options)
{
    private readonly FeedsOptions _options = options.Value;

    /// <summary>
    /// <typeparamref name="TComponent"/> as a cached page named <paramref name="name"/>; its parameters are
    /// made from <paramref name="state"/>, and the page rendered, only on a miss.
    /// </summary>
    public ValueTask<IResult> Serve<TComponent, TState>(
        HttpRequest request, string name, string dependency, long version, DateTimeOffset lastModified,
        TState state, Func<TState, Dictionary<string, object?>> parameters, int pageNumber = 0)
        where TComponent : IComponent
    {
        var origin = urls.OriginOf(request);
        var key = new CacheKey(PageResource<TComponent>.Name, name, 0, pageNumber, origin);
        return cache.Serve(key, dependency, version, ContentTypes.Html, (pages: this, origin, lastModified, state, parameters), static async s =>
        {
            var html = await s.pages.RenderAsync<TComponent>(s.pages.BaseFor(s.origin), s.parameters(s.state));
            return new RenderedBody(html, s.lastModified);
        });
    }

    /// <summary>Renders <typeparamref name="TComponent"/> for <paramref name="baseUrl"/>, adding the parameters every page takes.</summary>
    public Task<SegmentedBytes> RenderAsync<TComponent>(Uri baseUrl, Dictionary<string, object?> parameters) where TComponent : IComponent =>
        renderer.RenderAsync<TComponent>(WithCommon(parameters, baseUrl));

    /// <summary>The 404 page, not cached (unknown names are unbounded).</summary>
    public async ValueTask<IResult> NotFound(HttpRequest request, string message)
    {
        var html = await renderer.RenderHtmlAsync<NotFoundPage>(WithCommon(new() { [nameof(NotFoundPage.Message)] = message }, urls.BaseFor(request)));
        return TypedResults.Content(html, ContentTypes.Html, statusCode: StatusCodes.Status404NotFound);
    }

    private Uri BaseFor(in RequestOrigin origin) => urls.BaseFor(origin);

    private Dictionary<string, object?> WithCommon(Dictionary<string, object?> parameters, Uri baseUrl)
    {
        parameters["SiteTitle"] = _options.SiteTitle;
        parameters["Language"] = _options.Language;
        parameters["BaseUrl"] = baseUrl;
        return parameters;
    }

    /// <summary>A page component's cache resource name, made once per component type.</summary>
    private static class PageResource<TComponent>
    {
        public static readonly string Name = "page." + typeof(TComponent).Name;
    }
}
