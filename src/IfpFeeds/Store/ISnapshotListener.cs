namespace IfpFeeds.Store;

/// <summary>
/// Something that reacts to each new snapshot (cache invalidation, the digest, later push to subscribers).
/// Registered in the container (<see cref="StoreServiceCollectionExtensions.AddSnapshotListener{T}"/>); the
/// store calls every listener, in registration order, on its own thread after each publish, the first one at
/// start before the server takes requests. A listener that throws is logged and the others still run.
/// </summary>
public interface ISnapshotListener
{
    void OnSnapshotPublished(ArticleSnapshot snapshot);
}
