using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Fleet;

/// <summary>
/// <c>/healthz</c>'s <c>redis</c> check in fleet mode: degraded (200: every instance serves and renders on its own) while
/// Redis does not answer, naming it; healthy when it does.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Redis at {redis.Endpoints} is unreachable: each instance serves from its own cache and renders alone until it is back"));
}
