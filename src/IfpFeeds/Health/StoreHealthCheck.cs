using IfpFeeds.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Health;

/// <summary>
/// Healthy while the articles folder can be read; degraded (200: still serving the last good snapshot) when it
/// cannot; unhealthy (503) when it never could, since there is then nothing to serve.
/// </summary>
internal sealed class StoreHealthCheck(ArticleStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = store.Current;
        var data = new Dictionary<string, object> { [nameof(ArticleSnapshot)] = snapshot };
        return Task.FromResult(snapshot switch
        {
            { Status: StoreStatus.Healthy } => HealthCheckResult.Healthy(data: data),
            { HasLoaded: true } => HealthCheckResult.Degraded(snapshot.StatusReason, data: data),
            _ => HealthCheckResult.Unhealthy(snapshot.StatusReason, data: data),
        });
    }
}
