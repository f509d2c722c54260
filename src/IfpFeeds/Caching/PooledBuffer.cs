using System.Buffers;

namespace IfpFeeds.Caching;

/// <summary>
/// A write-only stream and buffer writer over one array rented from an <see cref="ArrayPool{T}"/>: a render
/// writes into recycled memory and allocates only its result, once, as <see cref="SegmentedBytes"/> (feeds
/// are over 85 KB, so a fresh buffer or result array would be a large-object-heap allocation and, soon, a
/// gen2 collection).
/// </summary>
internal sealed class PooledBuffer : Stream, IBufferWriter<byte>
{
    /// <summary>
    /// A pool of its own, not <c>ArrayPool&lt;byte&gt;.Shared</c>, which keeps up to a few dozen arrays of every size
    /// per process (tens of MB of 0.5–1 MB buffers once feeds of every length have been rendered). Renders
    /// are few at a time (one per core, bar bursts of misses), so two arrays per size are enough; an array
    /// over 4 MiB (a huge API list) is allocated and dropped.
    /// </summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 * 1024 * 1024, maxArraysPerBucket: 2);

    private byte[] _buffer;
    private int _length;

    public PooledBuffer(int sizeHint) => _buffer = Pool.Rent(Math.Max(sizeHint, 256));

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>The bytes written, copied into slabs of <paramref name="pool"/> (by default <see cref="SlabPool.Shared"/>).</summary>
    public SegmentedBytes ToSegmented(SlabPool? pool = null) => SegmentedBytes.Copy(WrittenSpan, pool ?? SlabPool.Shared);

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_length);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Ensure(buffer.Length);
        buffer.CopyTo(_buffer.AsSpan(_length));
        _length += buffer.Length;
    }

    public override void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        var bigger = Pool.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        Pool.Return(_buffer);
        _buffer = bigger;
    }

    protected override void Dispose(bool disposing)
    {
        if (_buffer.Length > 0)
        {
            Pool.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
