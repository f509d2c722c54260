using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace IfpFeeds.Caching;

/// <summary>
/// An immutable response body held in <see cref="SlabPool"/> slabs of <see cref="SlabPool.SlabSize"/> bytes,
/// so no body is a large-object-heap allocation (85,000 bytes or more) and a released body's memory is
/// reused. A 50-item feed is ~115 KB: as one array it would go to the LOH, where every render counts towards the
/// next gen2 collection and cached bodies fragment the heap (bench/README.md has the measurements).
/// </summary>
/// <remarks>
/// The owner (a <see cref="Representation"/>) calls <see cref="ReturnSlabs"/> once nothing reads the body
/// any more; after that the body must not be read.
/// </remarks>
public sealed class SegmentedBytes
{
    public static readonly SegmentedBytes Empty = new([], 0, null);

    private readonly byte[][] _segments;
    private readonly SlabPool? _pool;

    private SegmentedBytes(byte[][] segments, long length, SlabPool? pool)
    {
        _segments = segments;
        Length = length;
        _pool = pool;
        foreach (var segment in segments)
        {
            Allocated += segment.Length;
        }
    }

    public long Length { get; }

    /// <summary>The pool the slabs came from (and go back to).</summary>
    public SlabPool Pool => _pool ?? SlabPool.Shared;

    /// <summary>The memory this body holds: its slabs, and a small last segment's exact size.</summary>
    public long Allocated { get; }

    /// <summary>
    /// How many segments: every one but the last is a full slab; the last is a slab too when it fills at
    /// least half of one, else an array of its exact size (so a 2 KB answer does not hold 16 KiB).
    /// </summary>
    public int SegmentCount => _segments.Length;

    /// <summary>The bytes of segment <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> Segment(int index) =>
        _segments[index].AsMemory(0, index < _segments.Length - 1 ? SlabPool.SlabSize : (int)(Length - ((long)index * SlabPool.SlabSize)));

    /// <summary>Copies <paramref name="data"/> into slabs rented from <paramref name="pool"/>.</summary>
    public static SegmentedBytes Copy(ReadOnlySpan<byte> data, SlabPool pool)
    {
        if (data.IsEmpty)
        {
            return Empty;
        }

        var segments = new byte[(data.Length + SlabPool.SlabSize - 1) / SlabPool.SlabSize][];
        for (var i = 0; i < segments.Length; i++)
        {
            var part = data.Slice(i * SlabPool.SlabSize, Math.Min(SlabPool.SlabSize, data.Length - (i * SlabPool.SlabSize)));
            if (part.Length < SlabPool.SlabSize / 2)
            {
                segments[i] = part.ToArray(); // a small tail: exact size, left to the collector on release
            }
            else
            {
                segments[i] = pool.Rent();
                part.CopyTo(segments[i]);
            }
        }

        return new SegmentedBytes(segments, data.Length, pool);
    }

    /// <summary>Gives the slabs back to their pool. The owner calls this once, when nothing reads the body any more.</summary>
    internal void ReturnSlabs()
    {
        if (_pool is null)
        {
            return;
        }

        foreach (var segment in _segments)
        {
            _pool.Return(segment);
        }
    }

    /// <summary>One contiguous copy (for tests and diagnostics); a large one is a large-object allocation.</summary>
    public byte[] ToArray()
    {
        var result = new byte[Length];
        for (var i = 0; i < _segments.Length; i++)
        {
            Segment(i).Span.CopyTo(result.AsSpan(i * SlabPool.SlabSize));
        }

        return result;
    }

    /// <summary>The first 16 bytes of the SHA-256 of the content, in lower-case hex.</summary>
    public string Hash128Hex()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var i = 0; i < _segments.Length; i++)
        {
            hash.AppendData(Segment(i).Span);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..16]);
    }

    /// <summary>
    /// Writes the body to <paramref name="output"/> and flushes once: each segment is copied into the
    /// writer's buffers (Kestrel's response pipe), so the slabs are free to go once this completes.
    /// </summary>
    public ValueTask<FlushResult> WriteToAsync(PipeWriter output, CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            output.Write(Segment(i).Span);
        }

        return output.FlushAsync(cancellationToken);
    }
}
