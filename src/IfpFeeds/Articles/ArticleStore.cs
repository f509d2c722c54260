using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Articles;

/// <summary>
/// Reads the articles folder into an immutable <see cref="ArticleSnapshot"/> at start (in parallel) and
/// keeps it true: file events are debounced, only the files they name are re-parsed, and a new snapshot
/// replaces the old one whole. A file still being written is read once it has settled; a file that
/// becomes bad keeps its last good version served; a vanished folder keeps the last snapshot (degraded).
/// </summary>
public sealed partial class ArticleStore : IHostedService, IDisposable
{
    private const int ParallelThreshold = 32;
    private static readonly TimeSpan FolderPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IoRetry = TimeSpan.FromMilliseconds(250);
    private const int MaxIoRetries = 20;

    /// <summary>How long deletions must have been quiet before deleted captures leave the snapshot.</summary>
    private static readonly TimeSpan RemovalGrace = TimeSpan.FromMilliseconds(300);

    private readonly FeedsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticleStore> _logger;
    private readonly Channel<string?> _events = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();

    // Owned by the loop alone (and StartAsync before the loop starts): no locks needed.
    private readonly Dictionary<string, FileEntry> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Deferral> _deferred = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new();
    private readonly HashSet<string> _pendingRemovals = new(StringComparer.Ordinal);
    private DateTimeOffset _lastRemovalAt;

    private ArticleSnapshot _snapshot = ArticleSnapshot.Empty;
    private FileSystemWatcher? _watcher;
    private Task? _loop;
    private DateTimeOffset _nextRescan;
    private int _disposed;

    public ArticleStore(IOptions<FeedsOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<ArticleStore> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        FolderPath = Path.GetFullPath(_options.ArticlesPath, environment.ContentRootPath);
    }

    /// <summary>The absolute path of the articles folder.</summary>
    public string FolderPath { get; }

    /// <summary>The current snapshot: read it once per request and use that one throughout.</summary>
    public ArticleSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>Raised on the store's own thread after each new snapshot is published.</summary>
    public event Action<ArticleSnapshot>? SnapshotChanged;

    /// <summary>Loads every capture before the server takes requests, then starts watching.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (Directory.Exists(FolderPath))
        {
            Refresh(EnumerateCandidates(), honourSettle: false);
            StartWatching();
            Publish(StoreStatus.Healthy, null);
        }
        else
        {
            Publish(StoreStatus.Degraded, MissingFolderReason());
            LogFolderMissing(FolderPath);
        }

        var snapshot = Current;
        LogLoaded(snapshot.Articles.Length, snapshot.Sections.Length, snapshot.Rejected.Length, FolderPath,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _nextRescan = _time.GetUtcNow().AddSeconds(_options.RescanSeconds);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _events.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Idempotent: the container disposes the store both as itself and as a hosted service.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _events.Writer.TryComplete();
        _watcher?.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var reader = _events.Reader;
        Task<bool>? waitForEvent = null;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Sleep until an event, the next deferred file, or the folder poll, whichever is first.
                waitForEvent ??= reader.WaitToReadAsync(ct).AsTask();
                await WaitAsync(waitForEvent, NextWake(), ct);
                if (waitForEvent.IsCompleted)
                {
                    if (!await waitForEvent)
                    {
                        return; // completed: stopping
                    }

                    waitForEvent = null;

                    // Debounce: a burst of events gives one new snapshot.
                    var burstEnds = _time.GetUtcNow() + TimeSpan.FromMilliseconds(_options.DebounceMilliseconds * 5);
                    var rescan = Drain(reader, changed);
                    while (_options.DebounceMilliseconds > 0 && _time.GetUtcNow() < burstEnds)
                    {
                        waitForEvent = reader.WaitToReadAsync(ct).AsTask();
                        await WaitAsync(waitForEvent, TimeSpan.FromMilliseconds(_options.DebounceMilliseconds), ct);
                        if (!waitForEvent.IsCompleted)
                        {
                            break;
                        }

                        waitForEvent = null;
                        rescan |= Drain(reader, changed);
                    }

                    if (rescan)
                    {
                        changed.UnionWith(EnumerateCandidates());
                    }
                }

                Tick(changed);
                changed.Clear();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop must outlive any surprise; the next event or poll tries again.
                LogLoopFailed(ex);
                await Task.Delay(FolderPoll, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One pass: checks the folder, adds due deferred files and the periodic rescan, refreshes.</summary>
    private void Tick(HashSet<string> changed)
    {
        var now = _time.GetUtcNow();
        var folderThere = Directory.Exists(FolderPath);
        var snapshot = Current;
        if (!folderThere)
        {
            // Keep the last good snapshot; only say so.
            _watcher?.Dispose();
            _watcher = null;
            if (snapshot.Status == StoreStatus.Healthy || snapshot.Version == 0)
            {
                LogFolderMissing(FolderPath);
                Publish(StoreStatus.Degraded, MissingFolderReason());
            }

            return;
        }

        var recovered = snapshot.Status == StoreStatus.Degraded;
        if (_watcher is null || recovered || now >= _nextRescan)
        {
            // The folder came back, or a safety-net rescan is due: reconcile everything by stat.
            if (_watcher is null)
            {
                StartWatching();
            }

            changed.UnionWith(EnumerateCandidates());
            changed.UnionWith(_files.Keys);
            _nextRescan = now.AddSeconds(_options.RescanSeconds);
        }

        foreach (var (name, deferral) in _deferred)
        {
            if (deferral.Due <= now)
            {
                changed.Add(name);
            }
        }

        var anyChange = changed.Count > 0 && Refresh(changed, honourSettle: true);
        anyChange |= ApplyPendingRemovals(now);
        if (anyChange || recovered)
        {
            if (recovered)
            {
                LogFolderBack(FolderPath);
            }

            Publish(StoreStatus.Healthy, null);
        }
    }

    /// <summary>
    /// Re-examines the named files: unchanged ones (same length and write time) are skipped, the rest
    /// are read and parsed (in parallel when many). Returns true when anything changed.
    /// </summary>
    private bool Refresh(IEnumerable<string> names, bool honourSettle)
    {
        var list = names as IReadOnlyCollection<string> ?? [.. names];
        var now = _time.GetUtcNow();
        var outcomes = new ConcurrentQueue<(string Name, Outcome Outcome)>();
        if (list.Count >= ParallelThreshold)
        {
            // Reading waits on the disk as much as it parses: more readers than cores keep both busy
            // (bench/README.md: a cold folder read twice as fast with 8 readers as with 2).
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(8, Environment.ProcessorCount * 2) };
            Parallel.ForEach(list, parallel, name => outcomes.Enqueue((name, Examine(name, now, honourSettle))));
        }
        else
        {
            foreach (var name in list)
            {
                outcomes.Enqueue((name, Examine(name, now, honourSettle)));
            }
        }

        var anyChange = false;
        foreach (var (name, outcome) in outcomes)
        {
            switch (outcome.Kind)
            {
                case OutcomeKind.Unchanged:
                    _deferred.Remove(name);
                    break;
                case OutcomeKind.Removed:
                    _deferred.Remove(name);
                    if (honourSettle && _files.ContainsKey(name))
                    {
                        // Held back until deletions have been quiet a moment: if they are the folder being
                        // deleted, the folder vanishes next and the last good snapshot must keep them.
                        _pendingRemovals.Add(name);
                        _lastRemovalAt = now;
                    }
                    else
                    {
                        anyChange |= _files.Remove(name);
                    }

                    break;
                case OutcomeKind.Deferred:
                    var attempts = _deferred.TryGetValue(name, out var d) ? d.Attempts + 1 : 1;
                    _deferred[name] = new Deferral(outcome.Due, attempts);
                    break;
                case OutcomeKind.Read:
                    _deferred.Remove(name);
                    anyChange = true;
                    var entry = outcome.Entry!;
                    _files.TryGetValue(name, out var previous);
                    if (entry.Result.Rejection is { } rejection)
                    {
                        // A capture that turns bad keeps its last good version: nothing is lost.
                        var lastGood = previous?.Article;
                        if (lastGood is not null)
                        {
                            entry = entry with
                            {
                                LastGood = lastGood,
                                Result = CaptureParseResult.Reject(name, rejection.Reason + "; the last good version is still served"),
                            };
                        }

                        if (previous?.Result.Rejection?.Reason != entry.Result.Rejection!.Reason)
                        {
                            LogRejected(name, entry.Result.Rejection.Reason);
                        }
                    }

                    _files[name] = entry;
                    break;
            }
        }

        return anyChange;
    }

    private Outcome Examine(string name, DateTimeOffset now, bool honourSettle)
    {
        var path = Path.Join(FolderPath, name);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Outcome.Removed;
            }

            var length = info.Length;
            var written = info.LastWriteTimeUtc;
            if (_files.TryGetValue(name, out var known) && known.Length == length && known.LastWriteUtc == written && !known.Retry)
            {
                return Outcome.Unchanged;
            }

            // A file written moments ago may still be growing: read it once it has been quiet a while.
            var settle = TimeSpan.FromMilliseconds(_options.SettleMilliseconds);
            var settlesAt = new DateTimeOffset(written, TimeSpan.Zero) + settle;
            if (honourSettle && settlesAt > now && settlesAt - now <= settle)
            {
                return Outcome.Defer(settlesAt);
            }

            if (length > _options.MaxCaptureBytes)
            {
                return Outcome.Read(new FileEntry(length, written, CaptureParseResult.Reject(name,
                    $"is {length:N0} bytes, over Feeds:MaxCaptureBytes ({_options.MaxCaptureBytes:N0}); it was not read"), Retry: false));
            }

            var bytes = ReadAll(path, _options.MaxCaptureBytes);
            if (honourSettle)
            {
                info.Refresh();
                if (!info.Exists || info.Length != length || info.LastWriteTimeUtc != written)
                {
                    return Outcome.Defer(now + settle); // written to while we read it: try again
                }
            }

            return Outcome.Read(new FileEntry(length, written, CaptureParser.Parse(name, bytes, new DateTimeOffset(written, TimeSpan.Zero), _strings), Retry: false));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Outcome.Removed;
        }
        catch (UnauthorizedAccessException)
        {
            return Outcome.Read(new FileEntry(-1, default, CaptureParseResult.Reject(name,
                "cannot be read: permission denied (check the file's owner and mode)"), Retry: true));
        }
        catch (IOException ex)
        {
            if (honourSettle && (!_deferred.TryGetValue(name, out var d) || d.Attempts < MaxIoRetries))
            {
                return Outcome.Defer(now + IoRetry);
            }

            return Outcome.Read(new FileEntry(-1, default, CaptureParseResult.Reject(name, $"could not be read: {ex.Message}"), Retry: true));
        }
    }

    /// <summary>Reads at most <paramref name="max"/> bytes of a file through one unbuffered stream.</summary>
    internal static byte[] ReadAll(string path, int max)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length > max)
        {
            length = max;
        }

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

    private void Publish(StoreStatus status, string? reason)
    {
        var previous = Current;
        var now = _time.GetUtcNow();
        ArticleSnapshot next;
        if (status == StoreStatus.Degraded && previous.Version > 0)
        {
            next = previous.WithStatus(status, reason, now, previous.Version + 1);
        }
        else
        {
            var articles = new List<Article>(_files.Count);
            var rejected = new List<CaptureRejection>();
            foreach (var entry in _files.Values)
            {
                if (entry.Article is { } article)
                {
                    articles.Add(article);
                }

                if (entry.Result.Rejection is { } rejection)
                {
                    rejected.Add(rejection);
                }
            }

            next = ArticleSnapshot.Build(articles, rejected, status, reason, now, previous.Version + 1, previous);
        }

        Volatile.Write(ref _snapshot, next);
        SnapshotChanged?.Invoke(next);
    }

    private void StartWatching()
    {
        try
        {
            var watcher = new FileSystemWatcher(FolderPath)
            {
                IncludeSubdirectories = false,
                InternalBufferSize = 64 * 1024,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime,
            };
            watcher.Created += (_, e) => Enqueue(e.Name);
            watcher.Changed += (_, e) => Enqueue(e.Name);
            watcher.Deleted += (_, e) => Enqueue(e.Name);
            watcher.Renamed += (_, e) =>
            {
                Enqueue(e.OldName);
                Enqueue(e.Name);
            };
            watcher.Error += (_, e) =>
            {
                LogWatcherError(e.GetException());
                _events.Writer.TryWrite(null); // lost events: rescan the folder
            };
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // E.g. the inotify instance limit: the 1 s folder poll and the periodic rescan still see changes.
            LogWatcherError(ex);
            _nextRescan = _time.GetUtcNow();
        }
    }

    private void Enqueue(string? name)
    {
        if (name is not null && CaptureFiles.IsCandidate(name))
        {
            _events.Writer.TryWrite(name);
        }
    }

    private static bool Drain(ChannelReader<string?> reader, HashSet<string> into)
    {
        var rescan = false;
        while (reader.TryRead(out var name))
        {
            if (name is null)
            {
                rescan = true;
            }
            else
            {
                into.Add(name);
            }
        }

        return rescan;
    }

    private IEnumerable<string> EnumerateCandidates()
    {
        try
        {
            return Directory.EnumerateFiles(FolderPath)
                .Select(Path.GetFileName)
                .Where(n => n is not null && CaptureFiles.IsCandidate(n))
                .ToList()!;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Removes the held-back deleted files once deletions have been quiet and the folder is still there.</summary>
    private bool ApplyPendingRemovals(DateTimeOffset now)
    {
        if (_pendingRemovals.Count == 0 || now - _lastRemovalAt < RemovalGrace || !Directory.Exists(FolderPath))
        {
            return false;
        }

        var any = false;
        foreach (var name in _pendingRemovals)
        {
            if (!File.Exists(Path.Join(FolderPath, name)))
            {
                any |= _files.Remove(name);
            }
        }

        _pendingRemovals.Clear();
        return any;
    }

    private TimeSpan NextWake()
    {
        var now = _time.GetUtcNow();
        var wake = now + FolderPoll;
        if (_pendingRemovals.Count > 0 && _lastRemovalAt + RemovalGrace < wake)
        {
            wake = _lastRemovalAt + RemovalGrace;
        }

        foreach (var deferral in _deferred.Values)
        {
            if (deferral.Due < wake)
            {
                wake = deferral.Due;
            }
        }

        return wake > now ? wake - now : TimeSpan.Zero;
    }

    private async Task WaitAsync(Task waitForEvent, TimeSpan timeout, CancellationToken ct)
    {
        if (!waitForEvent.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, _time, delayCts.Token);
            await Task.WhenAny(waitForEvent, delay);
            await delayCts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }

    private string MissingFolderReason() => $"articles folder '{FolderPath}' is missing or unreadable; serving the last good snapshot";

    /// <summary>What the store knows of one file.</summary>
    /// <param name="Retry">Reading failed for a reason outside the bytes (permissions, I/O): try again on rescan.</param>
    /// <param name="LastGood">The last article this file gave, kept while the file is rejected.</param>
    private sealed record FileEntry(long Length, DateTime LastWriteUtc, CaptureParseResult Result, bool Retry, Article? LastGood = null)
    {
        public Article? Article => Result.Article ?? LastGood;
    }

    private readonly record struct Deferral(DateTimeOffset Due, int Attempts);

    private enum OutcomeKind
    {
        Unchanged,
        Removed,
        Deferred,
        Read,
    }

    private readonly record struct Outcome(OutcomeKind Kind, DateTimeOffset Due, FileEntry? Entry)
    {
        public static Outcome Unchanged => new(OutcomeKind.Unchanged, default, null);

        public static Outcome Removed => new(OutcomeKind.Removed, default, null);

        public static Outcome Defer(DateTimeOffset due) => new(OutcomeKind.Deferred, due, null);

        public static Outcome Read(FileEntry entry) => new(OutcomeKind.Read, default, entry);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Articles} articles in {Sections} sections ({Rejected} rejected) from {Folder} in {Milliseconds:F0} ms")]
    private partial void LogLoaded(int articles, int sections, int rejected, string folder, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected capture {FileName}: {Reason}")]
    private partial void LogRejected(string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Articles folder {Folder} is missing; serving the last good snapshot until it returns")]
    private partial void LogFolderMissing(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Articles folder {Folder} is back; reloaded")]
    private partial void LogFolderBack(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File watcher error; rescanning the folder")]
    private partial void LogWatcherError(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Article store loop failed; retrying")]
    private partial void LogLoopFailed(Exception exception);
}
