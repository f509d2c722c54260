using System.Buffers;
using System.Security.Cryptography;

namespace IfpFeeds.Http;

/// <summary>
/// An immutable response body held as arrays of at most <see cref="SegmentSize"/> bytes each, so no body is
/// ever a large-object-heap allocation (85,000 bytes or more). A 50-item feed is ~115 KB: as one array it
/// went to the LOH, where every render counted towards the next gen2 collection and cached bodies fragmented
/// the heap (about 120 µs of each render, and 2.5× the cache's size in process memory; bench/README.md).
/// </summary>
public sealed class SegmentedBytes
{
    /// <summary>64 KiB: comfortably under the runtime's 85,000-byte large-object threshold.</summary>
    public const int SegmentSize = 64 * 1024;

    public static readonly SegmentedBytes Empty = new([], 0);

    private readonly byte[][] _segments;

    private SegmentedBytes(byte[][] segments, long length)
    {
        _segments = segments;
        Length = length;
    }

    public long Length { get; }

    /// <summary>The segments in order; every one but the last is exactly <see cref="SegmentSize"/> long.</summary>
    public ReadOnlySpan<byte[]> Segments => _segments;

    /// <summary>Copies <paramref name="data"/> into segments.</summary>
    public static SegmentedBytes Copy(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return Empty;
        }

        var segments = new byte[(data.Length + SegmentSize - 1) / SegmentSize][];
        for (var i = 0; i < segments.Length; i++)
        {
            var part = data.Slice(i * SegmentSize, Math.Min(SegmentSize, data.Length - (i * SegmentSize)));
            segments[i] = part.ToArray();
        }

        return new SegmentedBytes(segments, data.Length);
    }

    /// <summary>Wraps <paramref name="data"/> without copying when it fits one segment, else copies it.</summary>
    public static SegmentedBytes From(byte[] data) =>
        data.Length is > 0 and <= SegmentSize ? new SegmentedBytes([data], data.Length) : Copy(data);

    /// <summary>One contiguous copy (for tests and small bodies); a large one is a large-object allocation.</summary>
    public byte[] ToArray()
    {
        var result = new byte[Length];
        var offset = 0;
        foreach (var segment in _segments)
        {
            segment.CopyTo(result, offset);
            offset += segment.Length;
        }

        return result;
    }

    /// <summary>The first 16 bytes of the SHA-256 of the content, in lower-case hex.</summary>
    public string Hash128Hex()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in _segments)
        {
            hash.AppendData(segment);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>Writes every segment, in order, to <paramref name="output"/>.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        foreach (var segment in _segments)
        {
            output.Write(segment);
        }
    }

    /// <summary>Writes the body to <paramref name="stream"/>; a single segment without an async state machine.</summary>
    public Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default) => _segments.Length switch
    {
        0 => Task.CompletedTask,
        1 => stream.WriteAsync(_segments[0], cancellationToken).AsTask(),
        _ => WriteAllAsync(stream, cancellationToken),
    };

    private async Task WriteAllAsync(Stream stream, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
        }
    }
}
