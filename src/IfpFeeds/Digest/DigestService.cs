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

    /// <summary>A hash of everything <paramref name="digest"/> shows: its posts, in order, and its date when empty.</summary>
    public static long VersionOf(DigestSnapshot digest)
    {
        var hash = new System.IO.Hashing.XxHash3();
        void Add(string? text)
        {
            hash.Append(System.Runtime.InteropServices.MemoryMarshal.AsBytes((text ?? "\0").AsSpan()));
            hash.Append([0xFF]); // a separator no UTF-16 text ends with
        }

        void AddNumber(long number)
        {
            Span<byte> bytes = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, number);
            hash.Append(bytes);
        }

        AddNumber(digest.Posts.IsEmpty ? digest.WhenEmpty.UtcTicks : 0);
        foreach (var post in digest.Posts)
        {
            Add(post.Key);
            Add(post.Title);
            Add(post.Excerpt);
            AddNumber(post.EstimatedAt.UtcTicks);
            AddNumber(BitConverter.DoubleToInt64Bits(post.UncertaintySeconds));
            Add(post.ArticleId);
            Add(post.ArticleUrl);
            AddNumber(post.SeenIn.Length);
            foreach (var seen in post.SeenIn)
            {
                Add(seen);
            }

            AddNumber(post.SidebarPosition);
        }

        return (long)hash.GetCurrentHashAsUInt64();
    }

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        var changed = _index.Update(snapshot);
        var current = Current;
        if (changed || (current.Posts.IsEmpty && current.WhenEmpty != snapshot.EmptyDate))
        {
            // An empty digest's date is content too: a new one is a new version, so no cache keeps the old one. The version is
            // a hash of what the digest shows, the same on every instance with the same captures.
            var next = _index.Current with { WhenEmpty = snapshot.EmptyDate };
            Volatile.Write(ref _current, next with { Version = VersionOf(next) });
        }
    }
}
