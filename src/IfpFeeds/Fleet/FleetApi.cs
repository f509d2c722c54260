using IfpFeeds.Caching;
using IfpFeeds.Store;
using IfpFeeds.Store.Dates;
using IfpFeeds.WebSub;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Locking.Distributed.Redis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace IfpFeeds.Fleet;

/// <summary>
/// Fleet mode: several instances behind a load balancer sharing one Redis (<c>ConnectionStrings:Redis</c>). Without that
/// connection string nothing here is registered and the service runs alone, as ever, with no Redis code on any path.
/// With it: the shared second cache level (<see cref="FusionSharedRepresentations"/>), Redis in <c>/healthz</c> and in the
/// metrics.
/// </summary>
public static class FleetApi
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c> (environment: <c>ConnectionStrings__Redis</c>).</summary>
    public const string ConnectionName = "Redis";

    /// <summary>How long a shared body is kept when nothing says otherwise (its key names its content version, so it is never stale).</summary>
    public static readonly TimeSpan SharedLifetime = TimeSpan.FromHours(1);

    /// <summary>How long an instance waits for another's render of the same key before it renders itself.</summary>
    public static readonly TimeSpan RenderLockTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddFleet(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetConnectionString(ConnectionName) is not { Length: > 0 } connection)
        {
            return services;
        }

        if (RedisConnection.Parse(connection, out var error) is not { } redisOptions)
        {
            throw new OptionsValidationException("ConnectionStrings:" + ConnectionName, typeof(RedisConnection),
                [$"ConnectionStrings:{ConnectionName} is not a Redis configuration string (e.g. 127.0.0.1:6379): {error}"]);
        }

        services.AddSingleton(_ => new RedisConnection(redisOptions));
        services.AddSingleton<FleetMetrics>();
        services.AddSingleton<IFusionCache>(sp =>
        {
            var redis = sp.GetRequiredService<RedisConnection>();
            var cache = new FusionCache(new FusionCacheOptions
            {
                CacheName = "ifpfeeds",
                CacheKeyPrefix = "ifpfeeds:",
                DistributedCacheCircuitBreakerDuration = TimeSpan.FromSeconds(2), // Redis down: skip it for a while, not a timeout per miss
                DefaultEntryOptions = new FusionCacheEntryOptions
                {
                    Duration = SharedLifetime,
                    SkipMemoryCacheRead = true, // RepresentationCache is the first level
                    SkipMemoryCacheWrite = true,
                    DistributedCacheSoftTimeout = TimeSpan.FromMilliseconds(RedisConnection.CommandTimeoutMs),
                    DistributedCacheHardTimeout = TimeSpan.FromMilliseconds(RedisConnection.CommandTimeoutMs * 2),
                    AllowBackgroundDistributedCacheOperations = false, // stored before the lock is released: the waiters find it
                    DistributedLockTimeout = RenderLockTimeout,
                },
            }, logger: sp.GetRequiredService<ILogger<FusionCache>>());
            cache.SetupSerializer(new FusionCacheSystemTextJsonSerializer());
            cache.SetupDistributedCache(new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCache(
                new Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions { ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer) }));
            cache.SetupDistributedLocker(new MeasuredDistributedLocker(new RedisDistributedLocker(Options.Create(
                new RedisDistributedLockerOptions { ConnectionMultiplexerFactory = () => Task.FromResult(redis.Multiplexer) })),
                sp.GetRequiredService<FleetMetrics>(), sp.GetRequiredService<TimeProvider>()));
            return cache;
        });
        services.AddSingleton<ISharedRepresentations, FusionSharedRepresentations>();

        // Dates: one registry for the fleet, first writer wins (file-time dates need none: the files say).
        services.AddSingleton<IFirstSeenRegistry>(sp => sp.GetRequiredService<IOptions<Configuration.FeedsOptions>>().Value.DatesFrom == Configuration.FeedsOptions.FileTimeDates
            ? StoreServiceCollectionExtensions.CreateFirstSeenRegistry(sp)
            : new RedisFirstSeenRegistry(sp.GetRequiredService<RedisConnection>(), StoreServiceCollectionExtensions.CreateFirstSeenRegistry(sp),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisFirstSeenRegistry>>()));
        // WebSub: one set of subscriptions for the fleet, and one delivery per change (the atomic swap of a topic's tag).
        services.AddSingleton<ISubscriptionStore>(sp => new RedisSubscriptionStore(sp.GetRequiredService<RedisConnection>()));
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return services;
    }
}
