using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Caching;

/// <summary>
/// At start, lets <see cref="SlabPool.Shared"/> keep as many free slabs as the cache can hold
/// (<c>Feeds:CacheSizeLimitBytes</c>): evicted bodies then become the next renders' memory.
/// </summary>
internal sealed class SlabPoolSizing(IOptions<FeedsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        SlabPool.Shared.KeepAtLeast((int)Math.Min(options.Value.CacheSizeLimitBytes / SlabPool.SlabSize, int.MaxValue));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
