namespace IfpFeeds.Store;

/// <summary>
/// The store's <see cref="ISnapshotListener"/>s, registered explicitly, each told of a new snapshot on its own: one that
/// throws is logged and stops no other.
/// </summary>
internal sealed class SnapshotListeners(IEnumerable<ISnapshotListener> listeners, ILogger logger)
{
    private readonly ISnapshotListener[] _listeners = [.. listeners];

    public int Count => _listeners.Length;

    /// <summary>Tells every listener of <paramref name="next"/>, in registration order.</summary>
    public void Notify(ArticleSnapshot next)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnSnapshotPublished(next);
            }
            catch (Exception ex)
            {
                StoreLog.ListenerFailed(logger, listener.GetType().Name, next.Version, ex);
            }
        }
    }
}
