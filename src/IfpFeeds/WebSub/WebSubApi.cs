using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// WebSub (W3C Recommendation): the built-in hub at <c>POST /websub</c> (<c>Feeds:WebSub:BuiltInHub</c>, default on) with
/// its verification, distribution and retries, and publish pings to external hubs (<c>Feeds:WebSub:Hubs</c>). The topics
/// advertise their hubs themselves (<see cref="FeedHubs"/>). Outbound requests go through <see cref="OutboundHttp"/>.
/// </summary>
public static class WebSubApi
{
    public static IServiceCollection AddWebSub(this IServiceCollection services)
    {
        // The store is opened only when the hub runs: with the built-in hub off, no websub.db is made.
        services.TryAddSingleton<ISubscriptionStore>(sp => new SqliteSubscriptionStore(Path.GetFullPath(
            sp.GetRequiredService<IOptions<FeedsOptions>>().Value.DataPath, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        services.AddSingleton(sp => new Lazy<ISubscriptionStore>(sp.GetRequiredService<ISubscriptionStore>));
        services.AddSingleton(sp => new Lazy<IntentVerifier>(sp.GetRequiredService<IntentVerifier>));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FeedsOptions>>().Value.WebSub;
            var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            return new OutboundClient(new HttpClient(OutboundHttp.CreateHandler(options.AllowPrivateCallbacks, timeout)) { Timeout = timeout });
        });
        services.AddSingleton(sp => new CallbackClient(sp.GetRequiredService<OutboundClient>().Http));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<HubPings>(sp, sp.GetRequiredService<OutboundClient>().Http));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<FeedsOptions>>().Value.WebSub;
            var store = sp.GetRequiredService<Lazy<ISubscriptionStore>>();
            return ActivatorUtilities.CreateInstance<WebSubMetrics>(sp, options.BuiltInHub ? () => store.Value.Count() : (Func<int>)(() => 0));
        });
        services.AddSingleton<TopicCatalog>();
        services.AddSingleton<IntentVerifier>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<VerificationQueue>();
        services.AddSingleton<HubEndpoints>();
        services.AddHealthChecks().AddCheck<HubHealthCheck>("websub");
        services.AddSnapshotListener<TopicChanges>();
        services.AddSingleton<TopicDistributor>();
        services.AddHostedService(sp => sp.GetRequiredService<TopicDistributor>());
        services.AddHostedService(sp => sp.GetRequiredService<VerificationQueue>());
        return services;
    }

    public static IEndpointRouteBuilder MapWebSub(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<FeedsOptions>>().Value.WebSub.BuiltInHub)
        {
            routes.MapPost("/websub", (Func<HttpContext, Task<IResult>>)routes.ServiceProvider.GetRequiredService<HubEndpoints>().PostAsync);
        }

        return routes;
    }
}
