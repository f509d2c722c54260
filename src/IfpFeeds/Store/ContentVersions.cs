using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// The versions caches key on, computed from content alone: a hash of a name and its articles' fingerprints, in order. The
/// same captures give the same versions on every instance, restart and order of events, so a cache shared by a fleet
/// (and an entry's "rendered from" check) can trust them; different content gives a different version.
/// </summary>
public static class ContentVersions
{
    /// <summary>The version of a list of articles called <paramref name="name"/> (a section, a tag, an author, everything).</summary>
    /// <param name="extra">Anything else the list's answers show (an empty list's date).</param>
    public static long Of(string name, ImmutableArray<Article> articles, long extra = 0)
    {
        var hash = new XxHash3();
        hash.Append(MemoryMarshal.AsBytes(name.AsSpan()));
        Span<byte> buffer = stackalloc byte[8 * 32];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, extra);
        hash.Append(buffer[..8]);
        var filled = 0;
        foreach (var article in articles)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buffer[(filled * 8)..], article.Fingerprint);
            if (++filled == 32)
            {
                hash.Append(buffer);
                filled = 0;
            }
        }

        hash.Append(buffer[..(filled * 8)]);
        return (long)hash.GetCurrentHashAsUInt64();
    }
}
