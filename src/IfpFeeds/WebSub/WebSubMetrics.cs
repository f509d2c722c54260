using System.Diagnostics.Metrics;
using IfpFeeds.Diagnostics;

namespace IfpFeeds.WebSub;

/// <summary>
/// The hub's metrics on the <see cref="Telemetry.Name"/> meter: <c>ifpfeeds.websub.subscriptions</c> (a gauge of the
/// subscriptions held), <c>ifpfeeds.websub.deliveries</c> (each attempt to push a body, tagged <c>outcome</c>:
/// <c>delivered</c>, <c>retry</c>, <c>gone</c>, <c>refused</c>, and <c>dropped</c> when retries give up) and
/// <c>ifpfeeds.websub.pings</c> (publish pings to external hubs, tagged <c>outcome</c>).
/// </summary>
public sealed class WebSubMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _pings;

    /// <param name="subscriptions">How many subscriptions the hub holds now (read at each collection).</param>
    public WebSubMetrics(IMeterFactory meters, Func<int> subscriptions)
    {
        var meter = meters.Create(Telemetry.Name);
        meter.CreateObservableGauge("ifpfeeds.websub.subscriptions", () => Count(subscriptions), "{subscription}",
            "Verified WebSub subscriptions the built-in hub holds.");
        _deliveries = meter.CreateCounter<long>("ifpfeeds.websub.deliveries", "{delivery}", "Attempts to push a topic's new body to a subscriber, by outcome.");
        _pings = meter.CreateCounter<long>("ifpfeeds.websub.pings", "{ping}", "Publish pings to external hubs, by outcome.");
    }

    public void Delivered(string outcome) => _deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Pinged(string outcome) => _pings.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    private static IEnumerable<Measurement<int>> Count(Func<int> subscriptions)
    {
        int count;
        try
        {
            count = subscriptions();
        }
        catch (Exception ex) when (ex is ObjectDisposedException || StoreFailures.Is(ex))
        {
            yield break; // collected while the service stops, or the store is unreadable (/healthz says so)
        }

        yield return new Measurement<int>(count);
    }
}
