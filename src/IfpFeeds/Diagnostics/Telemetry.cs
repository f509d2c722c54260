using System.Diagnostics;

namespace IfpFeeds.Diagnostics;

/// <summary>
/// The names the service's own telemetry goes under: one <see cref="System.Diagnostics.Metrics.Meter"/> (made through
/// <c>IMeterFactory</c> by each stage that measures: <c>Caching/CacheMetrics</c>, <c>Store/StoreMetrics</c>) and one
/// <see cref="ActivitySource"/> for spans. Beneath every folder, as <c>Configuration/</c> is; it uses nothing.
/// </summary>
public static class Telemetry
{
    /// <summary>The meter's and the activity source's name.</summary>
    public const string Name = "IfpFeeds";

    /// <summary>Spans of the service's own work (a render, a snapshot build), children of the request's where there is one.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>Bucket boundaries, in seconds, for durations from 50 µs (a small render) to 30 s (a large load).</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Bucket boundaries, in bytes, for rendered bodies from 256 B to 4 MB.</summary>
    public static IReadOnlyList<long> SizeBuckets { get; } =
        [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304];
}
