using IfpFeeds.Store;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Health;

/// <summary>Healthy while the articles folder can be read; degraded (still serving) when it cannot.</summary>
internal sealed class StoreHealthCheck(ArticleStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = store.Current;
        var data = new Dictionary<string, object> { [nameof(ArticleSnapshot)] = snapshot };
        return Task.FromResult(snapshot.Status == StoreStatus.Healthy
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(snapshot.StatusReason, data: data));
    }
}
