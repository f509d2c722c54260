using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Feeds;

/// <summary>
/// <c>GET|HEAD /feeds/{name}.{rss|atom|json}</c> for every feed any <see cref="IFeedSource"/> has, with
/// <c>?limit=</c> and <c>?page=</c>; <c>GET|HEAD /feeds.opml</c>. Answers come from the cache with conditional
/// GET and compression. An unknown feed, format or page is a 404, never a default.
/// </summary>
public static class FeedsApi
{
    /// <summary>The article feeds (every section, and <c>all</c>) and the endpoints every feed source is served by.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services)
    {
        services.AddSingleton<ArticleFeedDocuments>();
        services.AddSingleton<ContentLanguages>();
        services.AddSingleton<IFeedSource, AllArticlesFeedSource>();
        services.AddSingleton<IFeedSource, SectionFeedSource>();
        services.AddSingleton<IFeedSource>(ArticleGroupFeedSource.Tags);
        services.AddSingleton<IFeedSource>(ArticleGroupFeedSource.Authors);
        services.AddSingleton<FeedHubs>();
        services.AddSingleton<FeedRepresentations>();
        services.AddSingleton<FeedEndpoints>();
        services.AddSnapshotListener<FeedRoutes>();
        return services;
    }

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder routes)
    {
        var feeds = routes.ServiceProvider.GetRequiredService<FeedEndpoints>();
        routes.DataSources.Add(routes.ServiceProvider.GetRequiredService<FeedRoutes>().Routes);
        var fallbacks = routes.ServiceProvider.GetRequiredService<FallbackRoutes>();
        fallbacks.MapGetHead("/feeds/", feeds.GetFeedAsync);

        // Tag and author feeds have no literal routes (a site may have thousands of tags): their family's fallback answers them.
        fallbacks.MapGetHead("/feeds/tag/", feeds.GetFeedAsync);
        fallbacks.MapGetHead("/feeds/author/", feeds.GetFeedAsync);
        routes.MapGetHead("/feeds.opml", feeds.GetOpmlAsync);
        return routes;
    }
}
