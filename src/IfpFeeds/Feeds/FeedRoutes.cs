using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Feeds;

/// <summary>
/// Gives every feed URL the sources have now (each name in each format) a literal route of its own, kept in step
/// with the snapshots, so the URLs aggregators poll match without route values; the <c>/feeds/</c> fallback
/// route (<see cref="FallbackRoutes"/>) answers the rest. A snapshot listener.
/// </summary>
internal sealed class FeedRoutes(IServiceProvider services) : ISnapshotListener
{
    // Resolved on first use, not injected: the sources read the store, and the store is what calls this listener.
    private readonly Lazy<IFeedSource[]> _sources = new(() => [.. services.GetServices<IFeedSource>()]);
    private readonly Lazy<FeedEndpoints> _endpoints = new(services.GetRequiredService<FeedEndpoints>);

    public LiteralRoutes Routes { get; } = new("feed", "/feeds/{name}.{format}");

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        var routes = new Dictionary<string, Func<HttpContext, ValueTask<IResult>>>(StringComparer.Ordinal);
        var endpoints = _endpoints.Value;
        // Tag and author feeds (tag/oil) are left to their fallback routes: thousands of them would only grow the route table.
        foreach (var listing in _sources.Value.SelectMany(s => s.Listings()).Where(l => !l.Name.Contains('/', StringComparison.Ordinal)))
        {
            foreach (var format in FeedFormats.All)
            {
                var path = $"/feeds/{listing.Name}.{FeedFormats.Extension(format)}";
                var name = listing.Name;
                routes.TryAdd(path, context => endpoints.GetKnownFeedAsync(context, path, name, format));
            }
        }

        Routes.Replace(routes);
    }
}
