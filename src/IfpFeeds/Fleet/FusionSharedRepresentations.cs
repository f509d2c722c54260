using IfpFeeds.Caching;
using ZiggyCreatures.Caching.Fusion;

namespace IfpFeeds.Fleet;

/// <summary>
/// <see cref="ISharedRepresentations"/> on FusionCache over Redis: its distributed level (the bodies, every coding) and its
/// distributed locker (one render per key in the fleet; the others wait, then read the stored bytes). FusionCache's own
/// memory level is skipped: <see cref="RepresentationCache"/> is the first level, with its allocation-free hits and bodies
/// ready to write. With Redis unreachable FusionCache's circuit breaker skips it and the body is rendered here.
/// </summary>
public sealed class FusionSharedRepresentations(IFusionCache cache, FleetMetrics metrics, TimeProvider time) : ISharedRepresentations
{
    public async Task<SharedBody> GetOrRenderAsync(string key, Func<CancellationToken, Task<SharedBody>> render, CancellationToken ct)
    {
        var rendered = false;
        var started = time.GetTimestamp();
        var body = await cache.GetOrSetAsync<SharedBody>(key, async (context, token) =>
        {
            rendered = true;
            var made = await render(token).ConfigureAwait(false);
            if (made.ExpiresAt is { } expires)
            {
                // True only until then (the digest's labels): the fleet keeps it no longer.
                context.Options.Duration = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (expires - time.GetUtcNow()).Ticks));
            }

            return made;
        }, token: ct).ConfigureAwait(false);

        if (rendered)
        {
            metrics.Rendered();
        }
        else
        {
            metrics.Hit(time.GetElapsedTime(started).TotalSeconds);
        }

        return body;
    }
}
