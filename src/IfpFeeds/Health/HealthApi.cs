using IfpFeeds.Http;
using IfpFeeds.Store;
using IfpFeeds.Store.Dates;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Health;

/// <summary><c>GET /healthz</c>: the framework's health checks, written as the JSON the README documents.</summary>
public static class HealthApi
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("articles").AddCheck<DatesHealthCheck>("dates");
        return services;
    }

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder routes) =>
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(GetHeadEndpoints.Methods));

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

    private sealed record DatesDto(string From, string? Registry, int Captures, string? Problem);

    private sealed record RejectedDto(string File, string Reason);
}
