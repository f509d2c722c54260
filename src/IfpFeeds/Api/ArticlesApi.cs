using IfpFeeds.Http;

namespace IfpFeeds.Api;

/// <summary>
/// The JSON API over the current snapshot: <c>/api/sections</c>, <c>/api/articles[?section=]</c>,
/// <c>/api/articles/{id}</c>, cached and served with conditional GET and compression like the feeds.
/// </summary>
public static class ArticlesApi
{
    public static IServiceCollection AddArticlesApi(this IServiceCollection services) => services.AddSingleton<ArticlesEndpoints>();

    public static IEndpointRouteBuilder MapArticlesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.ServiceProvider.GetRequiredService<ArticlesEndpoints>();
        routes.MapGetHead("/api/sections", api.GetSectionsAsync);
        routes.MapGetHead("/api/tags", api.GetTagsAsync);
        routes.MapGetHead("/api/authors", api.GetAuthorsAsync);
        routes.MapGetHead("/api/articles", api.GetArticlesAsync);
        routes.MapGetHead("/api/articles/{id}", api.GetArticleAsync);
        return routes;
    }
}
