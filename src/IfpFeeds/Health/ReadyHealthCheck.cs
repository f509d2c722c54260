using IfpFeeds.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Health;

/// <summary>
/// <c>/healthz/ready</c>: healthy once the store has published its first snapshot (the service has something to
/// serve, even if the folder is missing and the feeds are empty); unhealthy before. An orchestrator sends traffic only
/// to a ready instance, and restarts one whose <c>/healthz/live</c> stops answering.
/// </summary>
internal sealed class ReadyHealthCheck(ArticleStore store) : IHealthCheck
{
    public const string Tag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.Current.Version > 0
            ? HealthCheckResult.Healthy("the first snapshot is published")
            : HealthCheckResult.Unhealthy("no snapshot published yet"));
}
