using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Http;

/// <summary>
/// Web-based readers fetch feeds from the browser: the framework's CORS middleware gives the feeds, the OPML, the
/// digest's JSON and the read-only API <c>Access-Control-Allow-Origin: *</c>, answers their preflight <c>OPTIONS</c>
/// (GET and HEAD, with the conditional-request headers a reader sends), and exposes the validators. Pages are
/// left alone. Nothing here reads a cookie or a credential, so any origin may read.
/// </summary>
public static class CrossOrigin
{
    public const string Policy = "public-read";

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromDays(1);

    public static IServiceCollection AddCrossOrigin(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy(Policy, new CorsPolicyBuilder()
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("If-None-Match", "If-Modified-Since", "Accept", "Accept-Language")
            .WithExposedHeaders("ETag", "Last-Modified", "Retry-After")
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build()));

    /// <summary>
    /// The policy on <c>/feeds…</c>, <c>/api…</c> and <c>/recent.json</c>, for requests that carry <c>Origin</c> (every CORS
    /// request and preflight does). A request without it does not enter the middleware, which would pass it on unchanged
    /// but first resolve its policy provider from a per-request DI scope and write to <c>HttpContext.Items</c>: ~400 B and
    /// ~1 µs on every feed poll (bench/README.md, "the hot path").
    /// </summary>
    public static IApplicationBuilder UseCrossOrigin(this IApplicationBuilder app) =>
        app.UseWhen(static context => context.Request.Headers.ContainsKey(HeaderNames.Origin) && IsPublicData(context.Request.Path),
            static branch => branch.UseCors(Policy));

    private static bool IsPublicData(PathString path) =>
        path.StartsWithSegments("/feeds") || path.StartsWithSegments("/feeds.opml") || path.StartsWithSegments("/api")
        || path.StartsWithSegments("/recent.json");
}
