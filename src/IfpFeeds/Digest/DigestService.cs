using IfpFeeds.Articles;

namespace IfpFeeds.Digest;

/// <summary>Keeps a <see cref="DigestIndex"/> in step with the article store and publishes its snapshots.</summary>
public sealed class DigestService : IDisposable
{
    private readonly ArticleStore _store;
    private readonly DigestIndex _index = new();
    private readonly Lock _gate = new();

    public DigestService(ArticleStore store)
    {
        _store = store;
        store.SnapshotChanged += OnSnapshotChanged;
        OnSnapshotChanged(store.Current);
    }

    /// <summary>The current digest; read it once per request.</summary>
    public DigestSnapshot Current => Volatile.Read(ref _current);

    private DigestSnapshot _current = DigestSnapshot.Empty;

    private void OnSnapshotChanged(ArticleSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_index.Update(snapshot))
            {
                Volatile.Write(ref _current, _index.Current);
            }
        }
    }

    public void Dispose() => _store.SnapshotChanged -= OnSnapshotChanged;
}
