using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Http;

/// <summary>
/// The framework's rate limiter, per client address, off by default (<c>Feeds:RateLimit:PermitsPerWindow</c>
/// = 0, and then the middleware is not even in the pipeline). When on, each address gets that many
/// requests per window; the excess is a 429 problem+json with <c>Retry-After</c>. <c>/healthz</c> is never limited.
/// </summary>
public static class RateLimiting
{
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var limit = context.RequestServices.GetRequiredService<IOptions<FeedsOptions>>().Value.RateLimit;
                return context.Request.Path.StartsWithSegments("/healthz")
                    ? RateLimitPartition.GetNoLimiter("healthz") // probes must never be refused
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limit.PermitsPerWindow,
                            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                            QueueLimit = 0,
                        });
            });
            o.OnRejected = async (context, token) =>
            {
                var limit = context.HttpContext.RequestServices.GetRequiredService<IOptions<FeedsOptions>>().Value.RateLimit;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(limit.WindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"At most {limit.PermitsPerWindow} requests per {limit.WindowSeconds} s from one address.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    /// <summary>Adds the rate limiter to the pipeline only when <c>Feeds:RateLimit</c> turns it on.</summary>
    public static IApplicationBuilder UseClientRateLimiting(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<FeedsOptions>>().Value.RateLimit.PermitsPerWindow > 0
            ? app.UseRateLimiter()
            : app;
}
