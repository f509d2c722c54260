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
    private long _version;

    /// <summary>The current digest; read it once per request.</summary>
    public DigestSnapshot Current => Volatile.Read(ref _current);

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        var changed = _index.Update(snapshot);
        var current = Current;
        if (changed || (current.Posts.IsEmpty && current.WhenEmpty != snapshot.EmptyDate))
        {
            // An empty digest's date is content too: a new one is a new version, so no cache keeps the old one.
            Volatile.Write(ref _current, _index.Current with { Version = ++_version, WhenEmpty = snapshot.EmptyDate });
        }
    }
}
