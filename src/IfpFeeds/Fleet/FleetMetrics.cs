using System.Diagnostics.Metrics;
using IfpFeeds.Diagnostics;

namespace IfpFeeds.Fleet;

/// <summary>
/// The fleet's metrics on the <see cref="Telemetry.Name"/> meter: <c>ifpfeeds.fleet.shared.lookups</c> (each local miss
/// asked of the shared cache, tagged <c>result</c>: <c>hit</c>, another instance's bytes; <c>rendered</c>, rendered here
/// and shared), <c>ifpfeeds.fleet.shared.wait</c> (how long a hit took, a wait for another instance's render included),
/// <c>ifpfeeds.fleet.lock.wait</c> (each wait for the fleet-wide render lock, tagged <c>acquired</c>) and
/// <c>ifpfeeds.fleet.redis.available</c> (1 while Redis answers, else 0).
/// </summary>
public sealed class FleetMetrics
{
    private readonly Counter<long> _lookups;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _lockWait;

    public FleetMetrics(IMeterFactory meters, RedisConnection redis)
    {
        var meter = meters.Create(Telemetry.Name);
        _lookups = meter.CreateCounter<long>("ifpfeeds.fleet.shared.lookups", "{lookup}", "Local cache misses asked of the fleet's shared cache, by result.");
        _wait = meter.CreateHistogram("ifpfeeds.fleet.shared.wait", "s", "How long a shared-cache hit took, a wait for another instance's render included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Telemetry.DurationBuckets });
        _lockWait = meter.CreateHistogram("ifpfeeds.fleet.lock.wait", "s", "Waits for the fleet-wide lock to render a key, by whether it was acquired.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Telemetry.DurationBuckets });
        meter.CreateObservableGauge("ifpfeeds.fleet.redis.available", () => redis.IsConnected ? 1 : 0, "{boolean}", "1 while Redis answers, else 0.");
    }

    public void Hit(double seconds)
    {
        _lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));
        _wait.Record(seconds);
    }

    public void LockWaited(double seconds, bool acquired) => _lockWait.Record(seconds, new KeyValuePair<string, object?>("acquired", acquired));

    public void Rendered() => _lookups.Add(1, new KeyValuePair<string, object?>("result", "rendered"));
}
