using System.Buffers;
using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// Captures as <c>*.txt</c> files directly in one folder (ARTICLE-FORMAT.md, "Files"), watched with
/// <see cref="FileSystemWatcher"/>. Sub-folders, hidden files and other extensions are never looked at.
/// </summary>
public sealed partial class FolderCaptureSource(string folder, ILogger<FolderCaptureSource> logger) : ICaptureSource
{
    /// <summary>What <see cref="Directory.EnumerateFiles(string)"/> does: every entry, hidden or not (the name rules judge), errors thrown.</summary>
    private static readonly EnumerationOptions ListingOptions = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

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
            // Names only, judged before any string is made: no full path per file, and no LINQ over 100,000 of them.
            return new List<string>(new FileSystemEnumerable<string>(Location, static (ref FileSystemEntry entry) => entry.FileName.ToString(),
                ListingOptions)
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory && CaptureFiles.IsCandidate(entry.FileName),
            });
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

    /// <summary>
    /// Opens the file once, without waiting (<see cref="CaptureFileHandles"/>), takes its stat from the open file and reads
    /// it whole into a rented buffer: no stat of the path, no stream object, no lock, no read-ahead advice (a start reads
    /// thousands of small files, and each system call costs on a virtual machine: bench/README.md).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a start reads every capture through it, before tiering catches up
    public CaptureBytes Read(string name, int maxBytes)
    {
        using var handle = CaptureFileHandles.OpenForReading(Path.Join(Location, name));
        var stat = new CaptureStat(CaptureFileHandles.LengthOf(handle), File.GetLastWriteTimeUtc(handle));
        if (stat.Length > maxBytes || stat.Length == 0)
        {
            return CaptureBytes.Of([], stat); // nothing to read (or not allowed to): a FIFO or a device reads as empty too
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)stat.Length);
        try
        {
            // Shortened while read: fewer bytes, and the store's second stat sees it.
            return new CaptureBytes(buffer, CaptureFileHandles.ReadFromStart(handle, buffer.AsSpan(0, (int)stat.Length)), stat, rented: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
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
