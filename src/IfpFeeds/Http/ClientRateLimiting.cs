using System.Globalization;
using System.Threading.RateLimiting;
using IfpFeeds.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Http;

/// <summary>
/// The framework's rate limiter, per client address, off by default (<c>Feeds:RateLimit:PermitsPerWindow</c>
/// = 0, and then the middleware is not even in the pipeline). When on, each address gets that many
/// requests per window; the excess is a 429 problem+json with <c>Retry-After</c>. <c>/healthz</c> is never limited.
/// </summary>
public static class ClientRateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<FeedsOptions>>((o, feeds) =>
        {
            var limit = feeds.Value.RateLimit;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/healthz")
                    ? RateLimitPartition.GetNoLimiter("healthz") // probes must never be refused
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limit.PermitsPerWindow,
                            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                            QueueLimit = 0,
                        }));
            o.OnRejected = (context, _) =>
            {
                SetRetryAfter(context.HttpContext.Response, context.Lease, TimeSpan.FromSeconds(limit.WindowSeconds));
                return new ValueTask(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"At most {limit.PermitsPerWindow} requests per {limit.WindowSeconds} s from one address.")
                    .ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    /// <summary>
    /// A limiter of <paramref name="permitsPerMinute"/> permits a minute for each key (a publishing key, a client address),
    /// no queue; null when it is 0 (no limit).
    /// </summary>
    public static PartitionedRateLimiter<string>? PerMinute(int permitsPerMinute) => permitsPerMinute > 0
        ? PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }))
        : null;

    /// <summary>
    /// <c>Retry-After</c> for a refused <paramref name="lease"/>: the limiter's own wait when it gives one, else
    /// <paramref name="fallback"/>, in whole seconds, at least 1.
    /// </summary>
    public static void SetRetryAfter(HttpResponse response, RateLimitLease lease, TimeSpan fallback)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Adds the rate limiter to the pipeline only when <c>Feeds:RateLimit</c> turns it on.</summary>
    public static IApplicationBuilder UseClientRateLimiting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<FeedsOptions>>().Value.RateLimit.PermitsPerWindow > 0
            ? app.UseRateLimiter()
            : app;
}
