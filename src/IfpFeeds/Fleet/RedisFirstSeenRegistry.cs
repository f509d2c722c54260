using System.Collections.Concurrent;
using System.Globalization;
using IfpFeeds.Captures;
using IfpFeeds.Store.Dates;
using StackExchange.Redis;

namespace IfpFeeds.Fleet;

/// <summary>
/// The first-seen registry of a fleet: one Redis hash (<c>ifpfeeds:dates</c>, a field per capture id:
/// <c>firstSeen|contentHash|contentChanged</c>, Unix seconds) that every instance reads and writes, first writer wins, so
/// instances that hold their own copies of the captures, copied at different times, still agree on every date. A sight
/// of a new capture, or of new content, is one atomic script in Redis that records it unless another instance already
/// has, and answers what is recorded. Known entries are read once at start and then from memory. The instance's own
/// registry (<c>dates.db</c>) keeps a copy and answers while Redis is unreachable (dates may then differ between
/// instances until the capture is read again with Redis back).
/// </summary>
public sealed partial class RedisFirstSeenRegistry : IFirstSeenRegistry, IDisposable
{
    /// <summary>The Redis hash.</summary>
    public const string Key = "ifpfeeds:dates";

    // KEYS[1] the hash; ARGV[1] the id, ARGV[2] the sight (Unix seconds), ARGV[3] the content hash (hex).
    private const string SightScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if not current then
          local entry = ARGV[2] .. '|' .. ARGV[3] .. '|' .. ARGV[2]
          redis.call('HSET', KEYS[1], ARGV[1], entry)
          return entry
        end
        local first, hash, changed = string.match(current, '^(%d+)|(%x+)|(%d+)$')
        if hash == ARGV[3] then return current end
        local entry = first .. '|' .. ARGV[3] .. '|' .. math.max(tonumber(ARGV[2]), tonumber(changed) + 1)
        redis.call('HSET', KEYS[1], ARGV[1], entry)
        return entry
        """;

    private readonly RedisConnection _redis;
    private readonly IFirstSeenRegistry _local;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, FirstSeenEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (UInt128 Hash, DateTimeOffset LastWrite, CaptureDates Given)> _givenAlone = new(StringComparer.Ordinal);
    private readonly ITimer _reconcile;
    private NewestInstant _newest = new();
    private long _skipUntil; // Environment.TickCount64: after a failure Redis is not asked for a while (no timeout per capture)
    private string? _problem;

    /// <summary>After a failure, how long sights go to the local registry only.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>How often dates given alone (Redis away) are settled with the fleet once Redis is back.</summary>
    public static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(2);

    public event Action<IReadOnlyList<string>>? Redated;

    public RedisFirstSeenRegistry(RedisConnection redis, IFirstSeenRegistry local, TimeProvider time, ILogger<RedisFirstSeenRegistry> logger)
    {
        _redis = redis;
        _local = local;
        _logger = logger;
        _reconcile = time.CreateTimer(_ => Reconcile(), null, ReconcileEvery, ReconcileEvery);
        try
        {
            if (!redis.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "not connected at start");
            }

            foreach (var field in redis.Multiplexer.GetDatabase().HashGetAll(Key))
            {
                if (TryParse(field.Value.ToString(), out var entry))
                {
                    _entries[field.Name.ToString()] = entry;
                    _newest.Raise(entry.ContentChanged);
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
        }
    }

    /// <summary>The newest instant of the shared registry, or of the local one where that is newer (what was dated while Redis was away).</summary>
    public DateTimeOffset? Newest => (_newest.Value, _local.Newest) switch
    {
        ({ } shared, { } local) => shared > local ? shared : local,
        (var shared, var local) => shared ?? local,
    };

    /// <remarks>The problem is Redis's while it is unreachable (once it is back, new sights are shared again).</remarks>
    public FirstSeenStatus Status => new(_local.Status.DatesFrom, "redis " + _redis.Endpoints + " " + Key, _entries.Count,
        (_redis.IsConnected ? null : Volatile.Read(ref _problem)) ?? _local.Status.Problem);

    public CaptureDates Sight(string id, UInt128 contentHash, DateTimeOffset lastWrite)
    {
        var localDates = _local.Sight(id, contentHash, lastWrite); // the instance's own copy, and the answer without Redis
        if (_entries.TryGetValue(id, out var known) && known.Hash == contentHash)
        {
            return known.Dates;
        }

        if (SightShared(id, contentHash, lastWrite) is { } shared)
        {
            _givenAlone.TryRemove(id, out _);
            return shared;
        }

        _givenAlone[id] = (contentHash, lastWrite, localDates); // settled with the fleet when Redis is back
        return localDates;
    }

    /// <summary>The dates Redis records for this sight (recording it first if no instance has); null while Redis is away.</summary>
    private CaptureDates? SightShared(string id, UInt128 contentHash, DateTimeOffset lastWrite)
    {
        if (!_redis.IsConnected || Environment.TickCount64 < Interlocked.Read(ref _skipUntil))
        {
            return null;
        }

        try
        {
            var seen = CaptureDates.WholeSeconds(lastWrite).ToUnixTimeSeconds();
            var stored = (string?)_redis.Multiplexer.GetDatabase().ScriptEvaluate(SightScript, [Key],
                [id, seen.ToString(CultureInfo.InvariantCulture), contentHash.ToString("x32", CultureInfo.InvariantCulture)]);
            if (stored is not null && TryParse(stored, out var entry))
            {
                _entries[id] = entry;
                _newest.Raise(entry.ContentChanged);
                Volatile.Write(ref _problem, null);
                return entry.Dates;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
        }

        return null;
    }

    /// <summary>
    /// Settles the dates this instance gave alone: each is recorded in Redis unless another instance recorded it first, and
    /// the captures whose dates thereby change are named in <see cref="Redated"/>, for the store to read them again.
    /// </summary>
    internal void Reconcile()
    {
        if (_givenAlone.IsEmpty || !_redis.IsConnected)
        {
            return;
        }

        var redated = new List<string>();
        foreach (var (id, sight) in _givenAlone)
        {
            if (SightShared(id, sight.Hash, sight.LastWrite) is not { } shared)
            {
                return; // still away: the next tick
            }

            _givenAlone.TryRemove(id, out _);
            if (shared != sight.Given)
            {
                redated.Add(id);
            }
        }

        if (redated.Count > 0)
        {
            Redated?.Invoke(redated);
        }
    }

    public void Flush() => _local.Flush();

    public void Dispose()
    {
        _reconcile.Dispose();
        (_local as IDisposable)?.Dispose();
    }

    private static bool TryParse(string value, out FirstSeenEntry entry)
    {
        entry = default;
        var parts = value.Split('|');
        if (parts.Length != 3 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var first)
            || !UInt128.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hash)
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var changed))
        {
            return false;
        }

        entry = new FirstSeenEntry(first, hash, changed);
        return true;
    }

    private void Failed(Exception ex)
    {
        Interlocked.Exchange(ref _skipUntil, Environment.TickCount64 + (long)RetryAfter.TotalMilliseconds);
        var problem = $"Redis at {_redis.Endpoints} unreachable ({ex.GetType().Name}): dates come from this instance's own registry";
        if (Interlocked.Exchange(ref _problem, problem) is null)
        {
            LogUnreachable(_logger, _redis.Endpoints, ex);
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning,
        Message = "Fleet: the shared first-seen registry in Redis at {Endpoints} is unreachable; dates come from this instance's own registry meanwhile")]
    private static partial void LogUnreachable(ILogger logger, string endpoints, Exception ex);
}
