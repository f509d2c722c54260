using IfpFeeds.Store;

namespace IfpFeeds.Digest;

/// <summary>
/// Keeps a <see cref="DigestIndex"/> in step with the article store: a snapshot listener, so the digest is
/// built at start with the first snapshot (never inside a request) and updated on the store's thread.
/// </summary>
public sealed class DigestService : ISnapshotListener
{
    private readonly DigestIndex _index = new();
    private DigestSnapshot _current = DigestSnapshot.Empty;

    /// <summary>The current digest; read it once per request.</summary>
    public DigestSnapshot Current => Volatile.Read(ref _current);

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        if (_index.Update(snapshot))
        {
            Volatile.Write(ref _current, _index.Current);
        }
    }
}
