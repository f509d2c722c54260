namespace IfpFeeds.Store;

/// <summary>
/// Where captures come from: today a folder (<see cref="FolderCaptureSource"/>); the publishing API and a
/// fleet's shared folder write through or beside it. Names are file names (<c>{id}.txt</c>) that pass
/// <c>CaptureFiles.IsCandidate</c>. Calls come from the store's own thread, except <see cref="Read"/> and
/// <see cref="Stat"/>, which a large load makes from several threads at once.
/// </summary>
public interface ICaptureSource : IDisposable
{
    /// <summary>Where the captures are, for logs and health (a folder's absolute path).</summary>
    string Location { get; }

    /// <summary>Whether the source can be read at all now (the folder exists).</summary>
    bool IsAvailable { get; }

    /// <summary>When the source itself last changed (a folder's write time); null when unknown or gone.</summary>
    DateTimeOffset? LastWriteTime { get; }

    /// <summary>Every capture's name now; empty when the source cannot be listed.</summary>
    IReadOnlyCollection<string> ListNames();

    /// <summary>The length and write time of <paramref name="name"/>; null when it does not exist.</summary>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="IOException">It could not be examined.</exception>
    CaptureStat? Stat(string name);

    /// <summary>
    /// Every byte of <paramref name="name"/> and the stat of what was read; no bytes (the stat only) when it is longer than
    /// <paramref name="maxBytes"/>. Dispose the result once done with its bytes.
    /// </summary>
    /// <exception cref="FileNotFoundException">It is gone.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="IOException">It could not be read.</exception>
    CaptureBytes Read(string name, int maxBytes);

    /// <summary>
    /// Starts reporting changes: <paramref name="changed"/> gets a name whenever that capture may have
    /// changed, and null when changes may have been lost (look at everything again). False when changes
    /// cannot be watched (the store's poll and rescan still find them).
    /// </summary>
    bool StartWatching(Action<string?> changed);

    /// <summary>Stops reporting changes (the folder vanished; <see cref="StartWatching"/> again when it is back).</summary>
    void StopWatching();
}
