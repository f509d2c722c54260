using System.Text.Json;
using IfpFeeds.Articles;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IfpFeeds.Health;

/// <summary>Healthy while the articles folder can be read; degraded (still serving) when it cannot.</summary>
internal sealed class ArticleStoreHealthCheck(ArticleStore store) : IHealthCheck
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

/// <summary><c>GET /healthz</c>: the framework's health checks, written as the JSON the README documents.</summary>
public static class HealthApi
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var snapshot = report.Entries.Values
            .Select(e => e.Data.TryGetValue(nameof(ArticleSnapshot), out var s) ? s as ArticleSnapshot : null)
            .FirstOrDefault(s => s is not null) ?? ArticleSnapshot.Empty;
        var body = new HealthDto(
            Status: report.Status.ToString().ToLowerInvariant(),
            Reason: report.Entries.Values.Select(e => e.Description).FirstOrDefault(d => d is not null),
            Articles: snapshot.Articles.Length,
            Sections: snapshot.Sections.Length,
            SnapshotAt: snapshot.CreatedAt,
            SnapshotVersion: snapshot.Version,
            Rejected: snapshot.Rejected.Select(r => new RejectedDto(r.FileName, r.Reason)).ToArray());
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(body, context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
    }

    private sealed record HealthDto(string Status, string? Reason, int Articles, int Sections, DateTimeOffset SnapshotAt, long SnapshotVersion, RejectedDto[] Rejected);

    private sealed record RejectedDto(string File, string Reason);
}
