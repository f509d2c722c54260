using System.Diagnostics;
using System.Threading.Channels;
using IfpFeeds.Captures;
using IfpFeeds.Configuration;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Store;

/// <summary>
/// Keeps an immutable <see cref="ArticleSnapshot"/> of an <see cref="ICaptureSource"/> true. At start it
/// loads every capture (in parallel) before the server takes requests; then change events are debounced,
/// only the captures they name are looked at again (<see cref="CaptureTracker"/>), and a new snapshot
/// replaces the old one whole, after which every <see cref="ISnapshotListener"/> hears of it. A vanished
/// source keeps the last snapshot (degraded) and is reloaded when it returns.
/// </summary>
public sealed class ArticleStore : IHostedService, IDisposable
{
    private static readonly TimeSpan SourcePoll = TimeSpan.FromSeconds(1);

    private readonly FeedsOptions _options;
    private readonly ICaptureSource _source;
    private readonly IFirstSeenRegistry _dates;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _readAgain = new();
    private readonly SnapshotListeners _listeners;
    private readonly TimeProvider _time;
    private readonly ILogger<ArticleStore> _logger;
    private readonly CaptureTracker _tracker;
    private readonly Channel<string?> _events = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly RefreshRequests _refreshes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTimeOffset _buildTime;
    private readonly StoreMetrics _metrics;

    // Owned by the loop alone (and StartAsync before the loop starts).
    private bool _watching;
    private DateTimeOffset _nextRescan;

    private ArticleSnapshot _snapshot = ArticleSnapshot.Empty;
    private Task? _loop;
    private int _disposed;

    public ArticleStore(IOptions<FeedsOptions> options, ICaptureSource source, IFirstSeenRegistry dates, IEnumerable<ISnapshotListener> listeners,
        TimeProvider time, ILogger<ArticleStore> logger, StoreMetrics metrics)
    {
        _options = options.Value;
        _metrics = metrics;
        _source = source;
        _dates = dates;
        _dates.Redated += ids => Array.ForEach([.. ids], id => ReadAgain(id + CaptureFiles.Extension)); // same bytes, other dates
        _listeners = new SnapshotListeners(listeners, logger);
        _time = time;
        _logger = logger;
        var assembly = typeof(ArticleStore).Assembly.Location;
        _buildTime = File.Exists(assembly) ? new DateTimeOffset(File.GetLastWriteTimeUtc(assembly), TimeSpan.Zero) : time.GetUtcNow();
        _tracker = new CaptureTracker(source, dates, TimeSpan.FromMilliseconds(_options.SettleMilliseconds), _options.MaxCaptureBytes, time, logger);
    }

    /// <summary>Where the captures are (the folder's absolute path).</summary>
    public string Location => _source.Location;

    /// <summary>The current snapshot: read it once per request and use that one throughout.</summary>
    public ArticleSnapshot Current => Volatile.Read(ref _snapshot);

    /// <summary>
    /// Reads <paramref name="name"/> again at once, without debounce or settle (a writer has just put it in place whole,
    /// or deleted it); completes with the published snapshot that reflects it.
    /// </summary>
    public Task<ArticleSnapshot> RefreshAsync(string name)
    {
        var done = _refreshes.Add(name);
        _events.Writer.TryWrite(name); // wakes the loop
        return done;
    }

    /// <summary>Loads every capture before the server takes requests, then starts watching.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        ArticleSnapshot snapshot;
        if (_source.IsAvailable)
        {
            var names = _source.ListNames();
            LoadWithoutCollections.Run(names.Count, () => _tracker.Refresh(names, honourSettle: false, cancellationToken)); // a stop cuts it short
            Watch();
            snapshot = Swap(StoreStatus.Healthy, null);
        }
        else
        {
            snapshot = Swap(StoreStatus.Degraded, MissingSourceReason());
            StoreLog.FolderMissing(_logger, Location);
        }

        StoreLog.Loaded(_logger, snapshot.Articles.Length, snapshot.Sections.Length, snapshot.Rejected.Length, Location,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        // The listeners' first snapshot (the digest's whole merge among them), timed apart from the load.
        cancellationToken.ThrowIfCancellationRequested();
        started = Stopwatch.GetTimestamp();
        _listeners.Notify(snapshot);
        StoreLog.ListenersReady(_logger, _listeners.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
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

        RefreshRequests.Complete(_refreshes.Take(), Current); // no writer waits on a stopped loop

        _dates.Flush(); // nothing sighted is left unwritten at a clean stop
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
        _source.StopWatching();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var reader = _events.Reader;
        _dates.Flush(); // the first load's sightings, written once the service is up: they are in memory already
        Task<bool>? waitForEvent = null;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Sleep until an event, the next due file, or the source poll, whichever is first.
                waitForEvent ??= reader.WaitToReadAsync(ct).AsTask();
                await ChangeEvents.WaitAsync(waitForEvent, NextWake(), _time, ct);
                if (waitForEvent.IsCompleted)
                {
                    if (!await waitForEvent)
                    {
                        return; // completed: stopping
                    }

                    waitForEvent = null;

                    // Debounce: a burst of events gives one new snapshot (at most five quiet periods long); a writer's refresh cuts it short.
                    (var rescan, waitForEvent) = await ChangeEvents.GatherBurstAsync(reader, changed, TimeSpan.FromMilliseconds(_options.DebounceMilliseconds),
                        _time, () => _refreshes.Pending, ct);
                    if (rescan)
                    {
                        changed.UnionWith(_source.ListNames());
                    }
                }

                var refreshes = _refreshes.Take();
                try
                {
                    Tick(changed, refreshes.ConvertAll(r => r.Name));
                }
                finally
                {
                    RefreshRequests.Complete(refreshes, Current);
                }

                changed.Clear();
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop must outlive any surprise; the next event or poll tries again.
                StoreLog.LoopFailed(_logger, ex);
                await Task.Delay(SourcePoll, _time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Has the loop read <paramref name="name"/> again though its file did not change (its dates did).</summary>
    private void ReadAgain(string name)
    {
        _readAgain.Enqueue(name);
        _events.Writer.TryWrite(name);
    }

    /// <summary>One pass: checks the source, adds due files and the periodic rescan, refreshes, publishes on change.</summary>
    private void Tick(HashSet<string> changed, List<string> written)
    {
        while (_readAgain.TryDequeue(out var again))
        {
            _tracker.ForgetStat(again); // so its unchanged file is read, and dated, again
        }

        var now = _time.GetUtcNow();
        var snapshot = Current;
        if (!_source.IsAvailable)
        {
            // Keep the last good snapshot; only say so.
            _source.StopWatching();
            _watching = false;
            if (snapshot.Status == StoreStatus.Healthy || snapshot.Version == 0)
            {
                StoreLog.FolderMissing(_logger, Location);
                Publish(StoreStatus.Degraded, MissingSourceReason());
            }

            return;
        }

        var recovered = snapshot.Status == StoreStatus.Degraded;
        var scheduledDue = snapshot.NextScheduledAt <= now; // a scheduled post's time has come: it appears now
        if (!_watching || recovered || now >= _nextRescan)
        {
            // The source came back, or a safety-net rescan is due: reconcile everything by stat.
            if (!_watching)
            {
                Watch();
            }

            changed.UnionWith(_source.ListNames());
            changed.UnionWith(_tracker.KnownNames);
            _nextRescan = now.AddSeconds(_options.RescanSeconds);
        }

        _tracker.AddDue(changed);
        changed.ExceptWith(written);
        var anyChange = written.Count > 0 && _tracker.Refresh(written, honourSettle: false); // whole already: read at once
        anyChange |= changed.Count > 0 && _tracker.Refresh(changed, honourSettle: true);
        anyChange |= _tracker.ApplyPendingRemovals();
        if (anyChange || recovered || scheduledDue)
        {
            if (recovered)
            {
                StoreLog.FolderBack(_logger, Location);
            }

            Publish(StoreStatus.Healthy, null);
        }

        // What this pass sighted, made durable off the path of the snapshot (a crash before it only means the same
        // files are first seen again, at the same file times).
        _dates.Flush();
    }

    private void Publish(StoreStatus status, string? reason) => _listeners.Notify(Swap(status, reason));

    /// <summary>Builds the next snapshot from the tracker and makes it the current one.</summary>
    private ArticleSnapshot Swap(StoreStatus status, string? reason)
    {
        var build = _metrics.StartBuild();
        var previous = Current;
        var now = _time.GetUtcNow();
        ArticleSnapshot next;
        if (status == StoreStatus.Degraded && previous.Version > 0)
        {
            next = previous.WithStatus(status, reason, now, previous.Version + 1);
        }
        else
        {
            var (articles, rejected) = _tracker.Contents();
            next = ArticleSnapshot.Build(articles, rejected, status, reason, now, previous.Version + 1, previous, EmptyDate());
        }

        Volatile.Write(ref _snapshot, next);
        build.Published(next);
        return next;
    }

    private void Watch()
    {
        _watching = _source.StartWatching(name => _events.Writer.TryWrite(name));
        if (!_watching)
        {
            _nextRescan = _time.GetUtcNow(); // the poll and rescan must find changes instead
        }
    }

    private TimeSpan NextWake() => ChangeEvents.Until(_time.GetUtcNow(), SourcePoll, _tracker.NextDue(), Current.NextScheduledAt);

    /// <summary>What dates an empty feed, stable across restarts: the registry's newest instant, else the folder's
    /// write time, else the build's (never "now", never 1970).</summary>
    private DateTimeOffset EmptyDate() => CaptureDates.WholeSeconds(_dates.Newest ?? _source.LastWriteTime ?? _buildTime);

    private string MissingSourceReason() => $"articles folder '{Location}' is missing or unreadable; serving the last good snapshot";
}
