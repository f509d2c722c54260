using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Health;

/// <summary>
/// Degraded (200: every date is still served, from memory) while the first-seen registry cannot be written;
/// healthy otherwise. The registry's state is in the data for <c>/healthz</c>'s <c>dates</c>.
/// </summary>
internal sealed class DatesHealthCheck(IFirstSeenRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = registry.Status;
        var data = new Dictionary<string, object> { [nameof(FirstSeenStatus)] = status };
        return Task.FromResult(status.Problem is { } problem
            ? HealthCheckResult.Degraded($"first-seen registry {status.Location} cannot be written: {problem}; dates are kept in memory", data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
