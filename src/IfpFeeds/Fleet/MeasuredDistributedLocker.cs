using ZiggyCreatures.Caching.Fusion.Locking.Distributed;

namespace IfpFeeds.Fleet;

/// <summary>
/// FusionCache's Redis locker, measured: each wait for the fleet-wide render lock of a key is one
/// <c>ifpfeeds.fleet.lock.wait</c> (seconds, tagged <c>acquired</c>: false when it timed out and this instance rendered anyway).
/// </summary>
public sealed class MeasuredDistributedLocker(IFusionCacheDistributedLocker inner, FleetMetrics metrics, TimeProvider time) : IFusionCacheDistributedLocker
{
    public async ValueTask<object?> AcquireLockAsync(string cacheName, string cacheInstanceId, string operationId, string key, string lockName, TimeSpan timeout,
        ILogger? logger, CancellationToken token)
    {
        var started = time.GetTimestamp();
        var taken = await inner.AcquireLockAsync(cacheName, cacheInstanceId, operationId, key, lockName, timeout, logger, token).ConfigureAwait(false);
        Record(timeout, started, taken);
        return taken;
    }

    public object? AcquireLock(string cacheName, string cacheInstanceId, string operationId, string key, string lockName, TimeSpan timeout, ILogger? logger,
        CancellationToken token)
    {
        var started = time.GetTimestamp();
        var taken = inner.AcquireLock(cacheName, cacheInstanceId, operationId, key, lockName, timeout, logger, token);
        Record(timeout, started, taken);
        return taken;
    }

    public ValueTask ReleaseLockAsync(string cacheName, string cacheInstanceId, string operationId, string key, string lockName, object? lockObj, ILogger? logger,
        CancellationToken token) => inner.ReleaseLockAsync(cacheName, cacheInstanceId, operationId, key, lockName, lockObj, logger, token);

    public void ReleaseLock(string cacheName, string cacheInstanceId, string operationId, string key, string lockName, object? lockObj, ILogger? logger,
        CancellationToken token) => inner.ReleaseLock(cacheName, cacheInstanceId, operationId, key, lockName, lockObj, logger, token);

    private void Record(TimeSpan timeout, long started, object? taken)
    {
        if (timeout > TimeSpan.Zero) // a try without waiting is no wait
        {
            metrics.LockWaited(time.GetElapsedTime(started).TotalSeconds, taken is not null);
        }
    }
}
