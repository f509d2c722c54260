using IfpFeeds.Caching;
using IfpFeeds.Store;

namespace IfpFeeds.Hosting;

/// <summary>
/// The adapter between the store and the cache: each new snapshot becomes invalidations of exactly the change
/// scopes that moved (a section, tag or author whose version changed or that is gone, and everything when any content
/// changed). Other sections' cached answers and ETags survive; the next scheduled post caps every max-age.
/// Runs on the store's thread.
/// </summary>
internal sealed class SnapshotCacheInvalidation(RepresentationCache cache, CacheControlHeaders cacheControl) : ISnapshotListener
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        cacheControl.NextChangeAt = snapshot.NextScheduledAt;
        var gone = new HashSet<string>(_seen.Keys, StringComparer.Ordinal);
        gone.Remove(ChangeScopes.Everything);
        var scopes = Scopes(snapshot).ToList();
        foreach (var (scope, version) in scopes)
        {
            gone.Remove(scope);
            if (!_seen.TryGetValue(scope, out var seen) || seen != version)
            {
                cache.Invalidate(scope);
            }
        }

        foreach (var scope in gone)
        {
            cache.Invalidate(scope);
        }

        if (!_seen.TryGetValue(ChangeScopes.Everything, out var everything) || everything != snapshot.ContentVersion)
        {
            cache.Invalidate(ChangeScopes.Everything);
        }

        _seen.Clear();
        foreach (var (scope, version) in scopes)
        {
            _seen[scope] = version;
        }

        _seen[ChangeScopes.Everything] = snapshot.ContentVersion;
    }

    /// <summary>Every scope that changes on its own: each section, tag and author, with its version.</summary>
    private static IEnumerable<(string Scope, long Version)> Scopes(ArticleSnapshot snapshot) =>
        snapshot.Sections.Select(s => (ChangeScopes.Of(s), s.Version))
            .Concat(snapshot.Tags.All.Concat(snapshot.Authors.All).Select(g => (g.Scope, g.Version)));
}
