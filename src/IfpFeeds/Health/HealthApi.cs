using IfpFeeds.Http;
using IfpFeeds.Store;
using IfpFeeds.Store.Dates;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Health;

/// <summary>
/// <c>GET /healthz</c>: the framework's health checks, written as the JSON the README documents; for orchestrators,
/// <c>GET /healthz/live</c> (the process answers: no check runs) and <c>GET /healthz/ready</c> (the first snapshot is
/// published).
/// </summary>
public static class HealthApi
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("articles").AddCheck<DatesHealthCheck>("dates")
            .AddCheck<ReadyHealthCheck>("ready", tags: [ReadyHealthCheck.Tag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync, Predicate = c => !c.Tags.Contains(ReadyHealthCheck.Tag) })
            .WithMetadata(new HttpMethodMetadata(GetHeadEndpoints.Methods));
        routes.MapHealthChecks("/healthz/live", new HealthCheckOptions { ResponseWriter = WriteProbeAsync, Predicate = _ => false })
            .WithMetadata(new HttpMethodMetadata(GetHeadEndpoints.Methods));
        routes.MapHealthChecks("/healthz/ready", new HealthCheckOptions { ResponseWriter = WriteProbeAsync, Predicate = c => c.Tags.Contains(ReadyHealthCheck.Tag) })
            .WithMetadata(new HttpMethodMetadata(GetHeadEndpoints.Methods));
        return routes;
    }

    /// <summary>A probe's answer: <c>{"status":"healthy"}</c> (200) or <c>{"status":"unhealthy"}</c> (503 with <c>Retry-After</c>), never cached.</summary>
    private static Task WriteProbeAsync(HttpContext context, HealthReport report)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (report.Status == HealthStatus.Unhealthy)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        return context.Response.WriteAsJsonAsync(new ProbeDto(report.Status.ToString().ToLowerInvariant()),
            context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions, ContentTypes.Json);
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var snapshot = report.Entries.Values
            .Select(e => e.Data.TryGetValue(nameof(ArticleSnapshot), out var s) ? s as ArticleSnapshot : null)
            .FirstOrDefault(s => s is not null) ?? ArticleSnapshot.Empty;
        var dates = report.Entries.Values
            .Select(e => e.Data.TryGetValue(nameof(FirstSeenStatus), out var d) ? d as FirstSeenStatus : null)
            .FirstOrDefault(d => d is not null);
        var body = new HealthDto(
            Status: report.Status.ToString().ToLowerInvariant(),
            Reason: report.Entries.Values.Select(e => e.Description).FirstOrDefault(d => d is not null),
            Articles: snapshot.Articles.Length,
            Sections: snapshot.Sections.Length,
            SnapshotAt: snapshot.CreatedAt,
            SnapshotVersion: snapshot.Version,
            Scheduled: snapshot.Scheduled.Length,
            NextScheduledAt: snapshot.NextScheduledAt,
            Dates: dates is null ? null : new DatesDto(dates.DatesFrom, dates.Location, dates.Captures, dates.Problem),
            Rejected: snapshot.Rejected.Select(r => new RejectedDto(r.FileName, r.Reason)).ToArray());
        context.Response.Headers.CacheControl = "no-store";
        if (report.Status == HealthStatus.Unhealthy)
        {
            context.Response.Headers.RetryAfter = "10"; // the folder is polled every second: look again soon
        }

        return context.Response.WriteAsJsonAsync(body, context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions,
            ContentTypes.Json);
    }

    private sealed record HealthDto(string Status, string? Reason, int Articles, int Sections, DateTimeOffset SnapshotAt, long SnapshotVersion,
        int Scheduled, DateTimeOffset? NextScheduledAt, DatesDto? Dates, RejectedDto[] Rejected);

    private sealed record ProbeDto(string Status);

    private sealed record DatesDto(string From, string? Registry, int Captures, string? Problem);

    private sealed record RejectedDto(string File, string Reason);
}
