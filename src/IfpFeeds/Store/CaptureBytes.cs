using System.Buffers;

namespace IfpFeeds.Store;

/// <summary>
/// One capture as read (<see cref="ICaptureSource.Read"/>): its bytes, in a buffer rented from
/// <see cref="ArrayPool{T}.Shared"/> that <see cref="Dispose"/> gives back, and the stat of the file that was read. A start
/// reads every capture once and keeps none of the bytes (the parser copies what it keeps), so renting saves a new array
/// per file. Use it once, in a <c>using</c>; nothing may keep <see cref="Span"/> after it.
/// </summary>
public readonly ref struct CaptureBytes(byte[] buffer, int length, CaptureStat stat, bool rented)
{
    /// <summary>The bytes read: the whole file, or none when it is longer than the reader was allowed to read.</summary>
    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, length);

    /// <summary>The length and write time of the file opened (from the open file, not its path again).</summary>
    public CaptureStat Stat => stat;

    /// <summary>Bytes that were not rented (a test's, an in-memory source's).</summary>
    public static CaptureBytes Of(byte[] bytes, CaptureStat stat) => new(bytes, bytes.Length, stat, rented: false);

    public void Dispose()
    {
        if (rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
