using System.Diagnostics;
using System.Diagnostics.Metrics;
using IfpFeeds.Diagnostics;

namespace IfpFeeds.Store;

/// <summary>
/// The store's instruments on the <see cref="Telemetry.Name"/> meter: <c>ifpfeeds.snapshot.publishes</c> (one per new
/// snapshot), <c>ifpfeeds.snapshot.build.duration</c> (s: building it from the tracked captures), and the
/// gauges <c>ifpfeeds.articles</c> (published) and <c>ifpfeeds.captures.rejected</c> of the current snapshot. Each
/// build is also a <c>snapshot.build</c> span with its article, section and rejection counts.
/// </summary>
public sealed class StoreMetrics
{
    private readonly Counter<long> _publishes;
    private readonly Histogram<double> _buildDuration;
    private readonly TimeProvider _time;
    private ArticleSnapshot _current = ArticleSnapshot.Empty;

    public StoreMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(Telemetry.Name);
        _publishes = meter.CreateCounter<long>("ifpfeeds.snapshot.publishes", "{snapshot}", "Snapshots published (each change to the captures, or to the folder's presence).");
        _buildDuration = meter.CreateHistogram("ifpfeeds.snapshot.build.duration", "s", "How long building a snapshot from the tracked captures takes.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Telemetry.DurationBuckets });
        meter.CreateObservableGauge("ifpfeeds.articles", () => (long)Volatile.Read(ref _current).Articles.Length, "{article}", "Articles published now.");
        meter.CreateObservableGauge("ifpfeeds.captures.rejected", () => (long)Volatile.Read(ref _current).Rejected.Length, "{capture}",
            "Captures rejected now (/healthz lists them with their reasons).");
    }

    /// <summary>Starts timing a build (and its span); <see cref="Build.Published"/> ends it.</summary>
    public Build StartBuild() => new(this, Telemetry.Source.StartActivity("snapshot.build"), _time.GetTimestamp());

    /// <summary>One snapshot build being timed.</summary>
    public readonly struct Build(StoreMetrics metrics, Activity? activity, long started)
    {
        /// <summary>The build made <paramref name="snapshot"/>, now the current one.</summary>
        public void Published(ArticleSnapshot snapshot)
        {
            metrics._buildDuration.Record(metrics._time.GetElapsedTime(started).TotalSeconds);
            metrics._publishes.Add(1);
            Volatile.Write(ref metrics._current, snapshot);
            if (activity is not null)
            {
                activity.SetTag("ifpfeeds.articles", snapshot.Articles.Length).SetTag("ifpfeeds.sections", snapshot.Sections.Length)
                    .SetTag("ifpfeeds.rejected", snapshot.Rejected.Length).SetTag("ifpfeeds.snapshot.version", snapshot.Version);
                activity.Dispose();
            }
        }
    }
}
