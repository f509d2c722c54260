namespace IfpFeeds.Store;

/// <summary>
/// Writes captures where the <see cref="ICaptureSource"/> reads them (today: the captures folder), for the publishing
/// API. A write is atomic: a reader sees the old bytes or the new, never part of either. Names are file names
/// (<c>{id}.txt</c>) that pass <c>CaptureFiles.IsCandidate</c>.
/// </summary>
public interface ICaptureWriter
{
    /// <summary>
    /// The stored capture <paramref name="name"/>, its bytes read whole when it is at most <paramref name="maxBytes"/>
    /// long; null when there is none.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="IOException">It could not be read.</exception>
    StoredCapture? Read(string name, int maxBytes);

    /// <summary>
    /// Replaces (or creates) <paramref name="name"/> with <paramref name="bytes"/> atomically: a temporary file beside
    /// it, flushed to disk, then renamed over it. On any failure the old capture is left as it was.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    /// <exception cref="IOException">The write failed (a full disk: the HResult says which).</exception>
    void Write(string name, ReadOnlySpan<byte> bytes);

    /// <summary>Deletes <paramref name="name"/>; false when it did not exist.</summary>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written.</exception>
    /// <exception cref="IOException">The delete failed.</exception>
    bool Delete(string name);

    /// <summary>Removes temporary files that writes left behind (a process killed mid-write) last written before <paramref name="writtenBefore"/>; returns how many.</summary>
    int RemoveAbandonedWrites(DateTimeOffset writtenBefore);
}
