using IfpFeeds.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// <c>/healthz</c>'s <c>websub</c> check: degraded (200: the feeds are served all the same) while the hub's store cannot be
/// read (<c>websub.db</c> corrupt or unreadable, naming the file; in a fleet, Redis unreachable), with the reason; healthy
/// otherwise, or with the hub off.
/// </summary>
internal sealed class HubHealthCheck(Lazy<ISubscriptionStore> store, IOptions<FeedsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.WebSub.BuiltInHub)
        {
            return Task.FromResult(HealthCheckResult.Healthy());
        }

        try
        {
            _ = store.Value.Count();
            return Task.FromResult(HealthCheckResult.Healthy());
        }
        catch (Exception ex) when (StoreFailures.Is(ex))
        {
            var what = ex is Microsoft.Data.Sqlite.SqliteException ? Path.Combine(options.Value.DataPath, SqliteSubscriptionStore.FileName) : "";
            return Task.FromResult(HealthCheckResult.Degraded(
                $"WebSub hub store {what} cannot be read: {ex.Message}; subscription requests get 503 and nothing is pushed".Replace("  ", " ", StringComparison.Ordinal)));
        }
    }
}
