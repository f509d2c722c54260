using IfpFeeds.Caching;
using IfpFeeds.Store;

namespace IfpFeeds.Hosting;

/// <summary>
/// The adapter between the store and the cache: each new snapshot becomes invalidations of exactly the change
/// scopes that moved (a section whose version changed or that is gone, and everything when any content
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
        foreach (var section in snapshot.Sections)
        {
            var scope = ChangeScopes.Of(section);
            gone.Remove(scope);
            if (!_seen.TryGetValue(scope, out var seen) || seen != section.Version)
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
        foreach (var section in snapshot.Sections)
        {
            _seen[ChangeScopes.Of(section)] = section.Version;
        }

        _seen[ChangeScopes.Everything] = snapshot.ContentVersion;
    }
}
