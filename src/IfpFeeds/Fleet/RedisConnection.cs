using StackExchange.Redis;

namespace IfpFeeds.Fleet;

/// <summary>
/// The fleet's one connection to Redis (<c>ConnectionStrings:Redis</c>, a StackExchange.Redis configuration string), shared
/// by the shared cache, its locks, and the fleet's stores. It never stops the start: with Redis down the service starts and
/// serves on its own, and the multiplexer reconnects in the background. Every command has a short timeout, so a Redis
/// that stops answering costs a request at most that long before the caller goes on without it.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    /// <summary>Connect and command timeouts (ms) unless the configuration string sets its own.</summary>
    public const int ConnectTimeoutMs = 2_000, CommandTimeoutMs = 1_000;

    public RedisConnection(ConfigurationOptions options)
    {
        Options = options;
        Multiplexer = ConnectionMultiplexer.Connect(options);
    }

    public ConfigurationOptions Options { get; }

    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Whether Redis answers now.</summary>
    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>Where Redis is, as configured (for health and logs; no password).</summary>
    public string Endpoints => string.Join(",", Options.EndPoints.Select(e => e.ToString()));

    /// <summary>
    /// The options of <paramref name="configuration"/>, with the fleet's defaults: never abort on a failed connect, short
    /// timeouts. Null with the reason when it is not a configuration string.
    /// </summary>
    public static ConfigurationOptions? Parse(string configuration, out string? error)
    {
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            error = options.EndPoints.Count == 0 ? "it names no endpoint (host:port)" : null;
            options.AbortOnConnectFail = false;
            if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
            {
                options.ConnectTimeout = ConnectTimeoutMs;
            }

            if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
            {
                options.SyncTimeout = CommandTimeoutMs;
            }

            if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
            {
                options.AsyncTimeout = CommandTimeoutMs;
            }

            return error is null ? options : null;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    public void Dispose() => Multiplexer.Dispose();
}
