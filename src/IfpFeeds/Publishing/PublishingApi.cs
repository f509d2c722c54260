using IfpFeeds.Configuration;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Publishing;

/// <summary>
/// The publishing API: <c>GET</c>, <c>HEAD</c>, <c>PUT</c> and <c>DELETE</c> on <c>/api/captures/{id}</c>, behind bearer keys
/// (<c>Feeds:Publishing:Keys</c>). With no key configured its routes are not mapped at all: every method answers 404,
/// as for any path the service does not have.
/// </summary>
public static class PublishingApi
{
    /// <summary>Temporary files of writes this old are a killed process's, never a write in progress.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.TryAddSingleton<ICaptureWriter>(sp => new FolderCaptureWriter(sp.GetRequiredService<ICaptureSource>().Location));
        services.AddSingleton<PublishingKeys>();
        services.AddSingleton<PublishingMetrics>();
        services.AddSingleton<CapturePublisher>();
        services.AddSingleton<PublishingEndpoints>();
        services.AddTransient<IStartupFilter, DotSegmentGuard>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder routes)
    {
        var services = routes.ServiceProvider;
        if (!services.GetRequiredService<PublishingKeys>().Enabled)
        {
            return routes;
        }

        // Tidy what a killed process left (hidden files the store never reads, but each up to Feeds:MaxCaptureBytes).
        var time = services.GetRequiredService<TimeProvider>();
        services.GetRequiredService<ICaptureWriter>().RemoveAbandonedWrites(time.GetUtcNow() - AbandonedAfter);

        var api = services.GetRequiredService<PublishingEndpoints>();
        const string route = "/api/captures/{id}";
        routes.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], (Func<HttpContext, IResult>)api.Get);
        routes.MapPut(route, (Func<HttpContext, Task<IResult>>)api.PutAsync);
        routes.MapDelete(route, (Func<HttpContext, Task<IResult>>)api.DeleteAsync);
        return routes;
    }
}
