using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Caching;

/// <summary>The Cache-Control value of cached representations, built once from configuration.</summary>
public sealed class CacheControlHeaders(IOptions<FeedsOptions> options, TimeProvider time)
{
    /// <summary>Clock-dependent content is cached at least 1 s and at most 60 s (the digest's rule).</summary>
    public const int MinExpiringMaxAge = 1, MaxExpiringMaxAge = 60;

    /// <summary><c>public, max-age=N, stale-while-revalidate=M</c> (RFC 9111 §5.2.2, RFC 5861 §3).</summary>
    public string CacheControl { get; } =
        $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";

    private long _nextChangeTicks = long.MaxValue;

    /// <summary>
    /// The next instant content changes by itself (a scheduled post falls due; set by the composition root from each
    /// snapshot): until then no <c>max-age</c> reaches past it, so no HTTP cache keeps a feed without the new post.
    /// </summary>
    public DateTimeOffset? NextChangeAt
    {
        get => Volatile.Read(ref _nextChangeTicks) is var ticks && ticks == long.MaxValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        set => Volatile.Write(ref _nextChangeTicks, value is { } at ? at.UtcTicks : long.MaxValue);
    }

    /// <summary>
    /// The Cache-Control of <paramref name="representation"/>: the configured one, or for content that
    /// expires, <c>max-age</c> = the whole seconds until it does (1 to 60) and no stale serving.
    /// </summary>
    public string For(Representation representation)
    {
        if (representation.ExpiresAt is not { } expires)
        {
            return Volatile.Read(ref _nextChangeTicks) == long.MaxValue ? CacheControl : UntilNextChange();
        }

        var seconds = (int)Math.Clamp(Math.Ceiling((expires - time.GetUtcNow()).TotalSeconds), MinExpiringMaxAge, MaxExpiringMaxAge);
        return $"public, max-age={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private string UntilNextChange()
    {
        var until = Math.Ceiling((Volatile.Read(ref _nextChangeTicks) - time.GetUtcNow().UtcTicks) / (double)TimeSpan.TicksPerSecond);
        if (until >= options.Value.CacheMaxAgeSeconds)
        {
            return CacheControl;
        }

        var seconds = (long)Math.Max(0, until);
        return $"public, max-age={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}, " +
            $"stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
