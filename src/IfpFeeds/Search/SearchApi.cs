using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Search;

/// <summary>
/// Keyword search: <c>GET /search?q=</c> (the page) and <c>GET /feeds/search.{rss|atom|json}?q=</c> (a feed a person can
/// subscribe to). A literal match, case-, accent- and width-insensitive (<see cref="SearchText"/>), over every
/// article's title, summary and text, newest first, at most <see cref="SearchIndex.MaxResults"/>.
/// </summary>
public static class SearchApi
{
    /// <summary>The key of the search answers' own representation cache.</summary>
    public const string CacheName = "search";

    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSnapshotListener<SearchIndexer>();
        services.AddSingleton<SearchService>();
        services.AddKeyedSingleton(CacheName, static (services, _) => new RepresentationCache(CacheName,
            Math.Max(1024, services.GetRequiredService<IOptions<FeedsOptions>>().Value.CacheSizeLimitBytes / 8),
            services.GetRequiredService<CacheControlHeaders>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<CacheMetrics>()));
        services.AddSingleton<SearchEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder routes)
    {
        var search = routes.ServiceProvider.GetRequiredService<SearchEndpoints>();
        routes.MapGetHead("/search", search.GetPageAsync);
        foreach (var format in FeedFormats.All)
        {
            routes.MapGetHead($"/feeds/{SearchEndpoints.FeedName}.{FeedFormats.Extension(format)}", context => search.GetFeedAsync(context, format));
        }

        return routes;
    }
}
