using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// Captures as <c>*.txt</c> files directly in one folder (ARTICLE-FORMAT.md, "Files"), watched with
/// <see cref="FileSystemWatcher"/>. Sub-folders, hidden files and other extensions are never looked at.
/// </summary>
public sealed partial class FolderCaptureSource(string folder, ILogger<FolderCaptureSource> logger) : ICaptureSource
{
    private FileSystemWatcher? _watcher;

    public string Location { get; } = folder;

    public bool IsAvailable => Directory.Exists(Location);

    public DateTimeOffset? LastWriteTime
    {
        get
        {
            try
            {
                return Directory.Exists(Location) ? new DateTimeOffset(Directory.GetLastWriteTimeUtc(Location), TimeSpan.Zero) : null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    public IReadOnlyCollection<string> ListNames()
    {
        try
        {
            return Directory.EnumerateFiles(Location)
                .Select(Path.GetFileName)
                .Where(n => n is not null && CaptureFiles.IsCandidate(n))
                .ToList()!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public CaptureStat? Stat(string name)
    {
        try
        {
            var info = new FileInfo(Path.Join(Location, name));
            return info.Exists ? new CaptureStat(info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> through one unbuffered stream, sharing the file with writers.</summary>
    public byte[] Read(string name, int maxBytes) => ReadAll(Path.Join(Location, name), maxBytes);

    /// <summary>Reads at most <paramref name="max"/> bytes of a file through one unbuffered stream.</summary>
    public static byte[] ReadAll(string path, int max)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var length = Math.Min(stream.Length, max);
        var buffer = new byte[length];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == buffer.Length ? buffer : buffer[..read];
    }

    public bool StartWatching(Action<string?> changed)
    {
        StopWatching();
        try
        {
            var watcher = new FileSystemWatcher(Location)
            {
                IncludeSubdirectories = false,
                InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime,
            };
            void Report(string? name)
            {
                if (name is not null && CaptureFiles.IsCandidate(name))
                {
                    changed(name);
                }
            }

            watcher.Created += (_, e) => Report(e.Name);
            watcher.Changed += (_, e) => Report(e.Name);
            watcher.Deleted += (_, e) => Report(e.Name);
            watcher.Renamed += (_, e) =>
            {
                Report(e.OldName);
                Report(e.Name);
            };
            watcher.Error += (_, e) =>
            {
                LogWatcherError(e.GetException());
                changed(null); // events were lost: look at everything again
            };
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
            return true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // E.g. the inotify instance limit: the store's folder poll and periodic rescan still see changes.
            LogWatcherError(ex);
            return false;
        }
    }

    public void StopWatching()
    {
        _watcher?.Dispose();
        _watcher = null;
    }

    public void Dispose() => StopWatching();

    [LoggerMessage(Level = LogLevel.Warning, Message = "File watcher error; rescanning the folder")]
    private partial void LogWatcherError(Exception exception);
}
