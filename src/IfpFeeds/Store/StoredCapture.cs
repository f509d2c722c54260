using System.Globalization;
using System.IO.Hashing;

namespace IfpFeeds.Store;

/// <summary>A capture as stored, for the publishing API.</summary>
/// <param name="Bytes">Its bytes; null when it is longer than the reader asked for (<see cref="Length"/> says how long).</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="LastWrite">When it was last written (UTC).</param>
/// <param name="ETag">Its strong entity-tag (quoted): a hash of its bytes, the same on every instance for the same bytes.</param>
public sealed record StoredCapture(byte[]? Bytes, long Length, DateTimeOffset LastWrite, string ETag)
{
    /// <summary>The strong entity-tag of <paramref name="bytes"/>: their XxHash128 (the store's content hash), quoted hex.</summary>
    public static string ETagOf(ReadOnlySpan<byte> bytes) => Quote(XxHash128.HashToUInt128(bytes));

    /// <summary>The strong entity-tag of everything <paramref name="stream"/> holds from where it is, read to its end.</summary>
    public static string ETagOf(Stream stream)
    {
        var hash = new XxHash128();
        hash.Append(stream);
        return Quote(hash.GetCurrentHashAsUInt128());
    }

    private static string Quote(UInt128 hash) => "\"" + hash.ToString("x32", CultureInfo.InvariantCulture) + "\"";
}
