namespace IfpFeeds.Configuration;

/// <summary><c>Feeds:Metrics</c>: how the metrics are offered beside OTLP (which the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> turns on).</summary>
public sealed class MetricsOptions
{
    /// <summary>Serve the metrics in Prometheus text format at <c>GET /metrics</c> (default false).</summary>
    public bool Prometheus { get; set; }
}
