using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Caching;

/// <summary>The Cache-Control value of cached representations, built once from configuration.</summary>
public sealed class CacheControlHeaders(IOptions<FeedsOptions> options, TimeProvider time)
{
    /// <summary>Clock-dependent content is cached at least 1 s and at most 60 s (the digest's rule).</summary>
    public const int MinExpiringMaxAge = 1, MaxExpiringMaxAge = 60;

    private readonly int _maxAge = options.Value.CacheMaxAgeSeconds;
    private readonly int _sharedMaxAge = options.Value.SharedMaxAgeSeconds ?? options.Value.CacheMaxAgeSeconds;
    private readonly string _stale = StaleOf(options.Value);

    /// <summary>
    /// <c>public, max-age=N, s-maxage=S, stale-while-revalidate=M, stale-if-error=E</c> (RFC 9111 §5.2.2, RFC 5861 §3–4):
    /// browsers and readers keep it N seconds, shared caches S, and a cache may serve it stale while it revalidates or
    /// while the service errs.
    /// </summary>
    public string CacheControl { get; } = Format(options.Value.CacheMaxAgeSeconds, options.Value.SharedMaxAgeSeconds ?? options.Value.CacheMaxAgeSeconds,
        StaleOf(options.Value));

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
        var text = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"public, max-age={text}, s-maxage={text}"; // true only until then: no stale serving
    }

    private string UntilNextChange()
    {
        var until = Math.Ceiling((Volatile.Read(ref _nextChangeTicks) - time.GetUtcNow().UtcTicks) / (double)TimeSpan.TicksPerSecond);
        if (until >= Math.Max(_maxAge, _sharedMaxAge))
        {
            return CacheControl;
        }

        var seconds = (int)Math.Max(0, until);
        return Format(Math.Min(_maxAge, seconds), Math.Min(_sharedMaxAge, seconds), _stale);
    }

    private static string StaleOf(FeedsOptions options) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"stale-while-revalidate={options.StaleWhileRevalidateSeconds}, stale-if-error={options.StaleIfErrorSeconds}");

    private static string Format(int maxAge, int sharedMaxAge, string stale) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"public, max-age={maxAge}, s-maxage={sharedMaxAge}, {stale}");
}
