using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Digest;

/// <summary>
/// The recent-posts digest: <c>GET /recent.json</c> and <c>GET /recent</c> (labels true for the moment they
/// are read, cached only until the first label changes), <c>GET /recent.js</c> (the script that keeps an open
/// page's labels true), and the digest's feeds <c>/feeds/recent.*</c> through <see cref="DigestFeedSource"/>.
/// </summary>
public static class DigestApi
{
    public static IServiceCollection AddDigest(this IServiceCollection services)
    {
        services.AddSnapshotListener<DigestService>();
        services.AddSingleton<IFeedSource, DigestFeedSource>();
        services.AddSingleton<DigestEndpoints>();
        return services;
    }

    public static IEndpointRouteBuilder MapDigest(this IEndpointRouteBuilder routes)
    {
        var digest = routes.ServiceProvider.GetRequiredService<DigestEndpoints>();
        routes.MapGetHead("/recent.json", digest.GetJsonAsync);
        routes.MapGetHead("/recent", digest.GetPageAsync);
        routes.MapGetHead("/recent.js", digest.GetScriptAsync);
        return routes;
    }
}
