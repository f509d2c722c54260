using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using IfpFeeds.Captures;
using IfpFeeds.Store.Dates;

namespace IfpFeeds.Store;

/// <summary>
/// What the store knows of each capture of an <see cref="ICaptureSource"/>, and the rules that keep it true
/// without ever serving a half-written file or losing a good article:
/// <list type="bullet">
/// <item>Unchanged files (same length and write time) are not read again, and keep their parsed <see cref="Article"/> object.</item>
/// <item>Settle: a file written less than <c>Feeds:SettleMilliseconds</c> ago may still be growing; it is deferred
/// until then, and deferred again if it changed while being read.</item>
/// <item>Retry: a read that fails with an I/O error is retried every 250 ms, 20 times, before it is reported;
/// an unreadable file (permissions) is reported at once and tried again on every rescan.</item>
/// <item>Last good: a capture that turns bad keeps serving its last good version, and the rejection says so.</item>
/// <item>Dates: each capture read is sighted in the <see cref="IFirstSeenRegistry"/> (id, content hash, file time),
/// which dates it where front matter is silent; a file whose bytes did not change (a <c>touch</c>, a copy) keeps its
/// parsed <see cref="Article"/> object, so nothing downstream changes.</item>
/// <item>Removal grace (<see cref="PendingRemovals"/>): deleted captures leave only after deletions have been quiet
/// 300 ms and the source is still there, so a folder being deleted keeps its last good snapshot.</item>
/// </list>
/// Used from one thread at a time (the store's); a large refresh reads in parallel inside.
/// </summary>
internal sealed class CaptureTracker(ICaptureSource source, IFirstSeenRegistry dates, TimeSpan settle, int maxCaptureBytes, TimeProvider time, ILogger logger)
{
    /// <summary>From this many names on, files are read and parsed in parallel.</summary>
    private const int ParallelThreshold = 32;

    private const int MaxIoRetries = 20;

    private static readonly TimeSpan IoRetry = TimeSpan.FromMilliseconds(250);

    private readonly Dictionary<string, TrackedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Deferral> _deferred = new(StringComparer.Ordinal);
    private readonly PendingRemovals _pendingRemovals = new(source, time);
    private readonly StringPool _strings = new();
    private readonly SemaphoreSlim _parsers = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>The name of every file known now (those held back for removal included).</summary>
    public IEnumerable<string> KnownNames => _files.Keys;

    /// <summary>
    /// Re-examines <paramref name="names"/>; with <paramref name="honourSettle"/> false (the first load),
    /// files are read at once and deletions apply at once. Returns true when anything changed.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the service is stopping); nothing
    /// of this refresh is applied.</exception>
    public bool Refresh(IEnumerable<string> names, bool honourSettle, CancellationToken cancellationToken = default)
    {
        var list = names as IReadOnlyCollection<string> ?? [.. names];
        var now = time.GetUtcNow();
        var outcomes = new ConcurrentQueue<(string Name, ExamineOutcome ExamineOutcome)>();
        if (list.Count >= ParallelThreshold)
        {
            // Reading waits on the disk (a cold page cache): more readers than cores keep it busy. Parsing is CPU and
            // allocation only: more parsers than cores just share the cores and make the GC's pauses longer, so
            // at most one per core parses at a time (bench/README.md, "Readers and parsers").
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(8, Environment.ProcessorCount * 2), CancellationToken = cancellationToken };
            Parallel.ForEach(list, parallel, name => outcomes.Enqueue((name, Examine(name, now, honourSettle))));
        }
        else
        {
            foreach (var name in list)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes.Enqueue((name, Examine(name, now, honourSettle)));
            }
        }

        var anyChange = false;
        if (_files.Count == 0)
        {
            _files.EnsureCapacity(outcomes.Count); // the first load adds every file: no rehash on the way
        }

        foreach (var (name, outcome) in outcomes)
        {
            anyChange |= Apply(name, outcome, now, honourSettle);
        }

        return anyChange;
    }

    /// <summary>Makes the next examination of <paramref name="name"/> read its file even if its stat has not changed.</summary>
    public void ForgetStat(string name)
    {
        if (_files.TryGetValue(name, out var known))
        {
            _files[name] = known with { Stat = default };
        }
    }

    /// <summary>Adds to <paramref name="into"/> every deferred file whose time has come.</summary>
    public void AddDue(ISet<string> into)
    {
        var now = time.GetUtcNow();
        foreach (var (name, deferral) in _deferred)
        {
            if (deferral.Due <= now)
            {
                into.Add(name);
            }
        }
    }

    /// <summary>The earliest moment something is due (a deferred file, the end of the removal grace); null when nothing is.</summary>
    public DateTimeOffset? NextDue()
    {
        var next = _pendingRemovals.Due;
        foreach (var deferral in _deferred.Values)
        {
            if (next is null || deferral.Due < next)
            {
                next = deferral.Due;
            }
        }

        return next;
    }

    /// <summary>Removes the held-back deleted files once deletions have been quiet and the source is still there.</summary>
    public bool ApplyPendingRemovals() => _pendingRemovals.Apply(_files.Remove);

    /// <summary>What the files give now: every article (a rejected file's last good one) and every rejection.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per snapshot, over every file
    public (List<Article> Articles, List<CaptureRejection> Rejected) Contents()
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

        return (articles, rejected);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a start applies every capture, before tiering catches up
    private bool Apply(string name, ExamineOutcome outcome, DateTimeOffset now, bool honourSettle)
    {
        switch (outcome.Kind)
        {
            case ExamineOutcome.Kinds.Unchanged:
                _deferred.Remove(name);
                return false;
            case ExamineOutcome.Kinds.Removed:
                _deferred.Remove(name);
                if (honourSettle && _files.ContainsKey(name))
                {
                    // Held back until deletions have been quiet a moment: if they are the folder being deleted,
                    // the folder vanishes next and the last good snapshot must keep them.
                    _pendingRemovals.Add(name, now);
                    return false;
                }

                return _files.Remove(name);
            case ExamineOutcome.Kinds.Deferred:
                var attempts = _deferred.TryGetValue(name, out var d) ? d.Attempts + 1 : 1;
                _deferred[name] = new Deferral(outcome.Due, attempts);
                return false;
            default:
                _deferred.Remove(name);
                _pendingRemovals.Cancel(name);
                _files[name] = KeepLastGood(name, outcome.Entry!);
                return true;
        }
    }

    /// <summary>A capture that turns bad keeps its last good version: nothing is lost. Logs each new rejection once.</summary>
    private TrackedFile KeepLastGood(string name, TrackedFile entry)
    {
        if (entry.Result.Rejection is not { } rejection)
        {
            return entry;
        }

        _files.TryGetValue(name, out var previous);
        if (previous?.Article is { } lastGood)
        {
            entry = entry with
            {
                LastGood = lastGood,
                Result = CaptureParseResult.Reject(name, rejection.Reason + "; the last good version is still served"),
            };
        }

        if (previous?.Result.Rejection?.Reason != entry.Result.Rejection!.Reason)
        {
            StoreLog.Rejected(logger, name, entry.Result.Rejection.Reason);
        }

        return entry;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a start examines every capture, before tiering catches up
    private ExamineOutcome Examine(string name, DateTimeOffset now, bool honourSettle)
    {
        try
        {
            // A file seen before is looked at by its path first, so an unchanged one is not opened. One never seen, on a read
            // that need not wait for it to settle (the first load), is opened at once: the open file's stat serves.
            var isKnown = _files.TryGetValue(name, out var known);
            CaptureStat? pathStat = null;
            if (isKnown || honourSettle)
            {
                if (source.Stat(name) is not { } seen)
                {
                    return ExamineOutcome.Removed;
                }

                if (known is not null && known.Stat == seen && !known.Retry)
                {
                    return ExamineOutcome.Unchanged;
                }

                // A file written moments ago may still be growing: read it once it has been quiet a while.
                var settlesAt = new DateTimeOffset(seen.LastWriteUtc, TimeSpan.Zero) + settle;
                if (honourSettle && settlesAt > now && settlesAt - now <= settle)
                {
                    return ExamineOutcome.Defer(settlesAt);
                }

                if (seen.Length > maxCaptureBytes)
                {
                    return TooLarge(name, seen);
                }

                pathStat = seen;
            }

            using var bytes = source.Read(name, maxCaptureBytes);
            var stat = bytes.Stat;
            if (stat.Length > maxCaptureBytes)
            {
                return TooLarge(name, stat);
            }

            if (honourSettle && (stat != pathStat || source.Stat(name) != stat))
            {
                return ExamineOutcome.Defer(now + settle); // written to since we looked, or while we read it: try again
            }

            var hash = XxHash128.HashToUInt128(bytes.Span);
            var captureDates = dates.Sight(CaptureFiles.IdOf(name), hash, new DateTimeOffset(stat.LastWriteUtc, TimeSpan.Zero));
            if (known is { Result.Article: not null, Retry: false } && known.ContentHash == hash && known.Dates == captureDates)
            {
                return ExamineOutcome.Read(known with { Stat = stat }); // the same bytes and dates: the same article, the same object
            }

            CaptureParseResult parsed;
            _parsers.Wait();
            try
            {
                parsed = CaptureParser.Parse(name, bytes.Span, captureDates, _strings);
            }
            finally
            {
                _parsers.Release();
            }

            return ExamineOutcome.Read(new TrackedFile(stat, parsed, Retry: false, ContentHash: hash, Dates: captureDates));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return ExamineOutcome.Removed;
        }
        catch (UnauthorizedAccessException)
        {
            return ExamineOutcome.Read(new TrackedFile(default, CaptureParseResult.Reject(name,
                "cannot be read: permission denied (check the file's owner and mode)"), Retry: true));
        }
        catch (IOException ex)
        {
            if (honourSettle && (!_deferred.TryGetValue(name, out var d) || d.Attempts < MaxIoRetries))
            {
                return ExamineOutcome.Defer(now + IoRetry);
            }

            return ExamineOutcome.Read(new TrackedFile(default, CaptureParseResult.Reject(name, $"could not be read: {ex.Message}"), Retry: true));
        }
    }

    private ExamineOutcome TooLarge(string name, CaptureStat stat) =>
        ExamineOutcome.Read(new TrackedFile(stat, CaptureParseResult.Reject(name,
            $"is {stat.Length:N0} bytes, over Feeds:MaxCaptureBytes ({maxCaptureBytes:N0}); it was not read"), Retry: false));

    private readonly record struct Deferral(DateTimeOffset Due, int Attempts);
}
