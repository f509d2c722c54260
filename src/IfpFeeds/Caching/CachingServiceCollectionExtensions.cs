namespace IfpFeeds.Caching;

/// <summary>Registers the cache of rendered responses.</summary>
public static class CachingServiceCollectionExtensions
{
    public static IServiceCollection AddRepresentationCache(this IServiceCollection services)
    {
        services.AddSingleton<CacheControlHeaders>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<RepresentationCache>();
        services.AddHostedService<SlabPoolSizing>();
        return services;
    }
}
