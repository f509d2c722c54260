using System.Collections.Concurrent;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// Content distribution (W3C WebSub §7): after each snapshot, every topic with subscribers whose feed moved is rendered
/// (through the same cache as a GET, so the pushed bytes are the served bytes) and, when its entity-tag differs from the
/// one last distributed, posted to each subscriber by the <see cref="DeliveryQueue"/>. Snapshots coming less than
/// <c>Feeds:WebSub:BurstMilliseconds</c> apart are one change: a burst gives one delivery of its final bytes. The last
/// tag of each topic is stored, so what changed while the service was down is pushed at start. Expired subscriptions
/// are removed every minute; retries run when due; external hubs are pinged (<see cref="HubPings"/>). The store's
/// thread only signals (<see cref="TopicChanges"/>): nothing here runs on it, and nothing here delays a request.
/// </summary>
public sealed partial class TopicDistributor(TopicChanges changes, Lazy<ISubscriptionStore> store, DeliveryQueue deliveries, HubPings pings,
    FeedRepresentations feeds, TopicCatalog catalog, PublicUrls urls, IOptions<FeedsOptions> options, TimeProvider time, ILogger<TopicDistributor> logger)
    : BackgroundService
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1), PassAgainAfter = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed retry is this instance's: if it dies meanwhile, another takes the retry on after this.</summary>
    private static readonly TimeSpan RetryClaim = TimeSpan.FromMinutes(2);

    private readonly bool _builtIn = options.Value.WebSub.BuiltInHub;
    private readonly TimeSpan _burst = TimeSpan.FromMilliseconds(options.Value.WebSub.BurstMilliseconds);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// Records the current body of <paramref name="topic"/> as its baseline when none is known (its first subscriber was
    /// just verified), so the next change is told from it.
    /// </summary>
    public async Task BaselineAsync(string topic)
    {
        if (store.Value.LastContent(topic) is null && (await ContentAsync(topic, onlyIfMoved: false)).Content is { } content)
        {
            store.Value.SetLastContentIfNone(topic, content.ETag);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_builtIn && !pings.Enabled)
        {
            return;
        }

        await Task.Yield(); // the host's start goes on
        if (_builtIn)
        {
            deliveries.RetryScheduled += changes.Wake;
        }

        var sweepAt = time.GetUtcNow() + SweepEvery;
        DateTimeOffset? passAgainAt = null; // a pass that failed (its store unreachable) is made again, so no change is lost
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (first)
                {
                    first = false;
                    if (_builtIn)
                    {
                        deliveries.Start(stoppingToken);
                    }

                    changes.Take();
                    await PassAsync(stoppingToken); // what changed while the service was down
                }
                else
                {
                    var wakeAt = deliveries.NextRetryAt() is { } retryAt && retryAt < sweepAt ? retryAt : sweepAt;
                    wakeAt = passAgainAt is { } again && again < wakeAt ? again : wakeAt;
                    await changes.WaitAsync(wakeAt - time.GetUtcNow(), time, stoppingToken);
                    if (changes.Pending || (passAgainAt is { } due && time.GetUtcNow() >= due))
                    {
                        passAgainAt = null;
                        await GatherBurstAsync(stoppingToken);
                        await PassAsync(stoppingToken);
                    }
                }

                var now = time.GetUtcNow();
                if (_builtIn && now >= sweepAt)
                {
                    store.Value.RemoveExpired(now);
                    deliveries.Adopt(store.Value.Retries()); // those a stopped instance of a fleet left
                    sweepAt = now + SweepEvery;
                }

                if (_builtIn)
                {
                    await RetryDueAsync(now);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store or render failure (websub.db unreadable, Redis down): logged, never the host's end; the pass is
                // made again shortly (what it had not distributed is then), and serving feeds goes on.
                LogPassFailed(logger, ex);
                passAgainAt = time.GetUtcNow() + PassAgainAfter;
            }
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        if (pings.Enabled)
        {
            pings.Ping(pings.ChangedTopics(), ct);
        }

        if (!_builtIn)
        {
            return;
        }

        var now = time.GetUtcNow();
        store.Value.RemoveExpired(now);
        foreach (var topic in store.Value.Topics(now))
        {
            var (content, version) = await ContentAsync(topic, onlyIfMoved: true);
            if (content is null)
            {
                continue;
            }

            // One atomic step: in a fleet, of the instances that see this change only the one that swaps the old tag out
            // delivers it.
            var last = store.Value.SwapLastContent(topic, content.ETag);
            if (last is not null && last != content.ETag)
            {
                foreach (var subscription in store.Value.Active(topic, now))
                {
                    deliveries.Post(subscription, content);
                }
            }

            _versions[topic] = version; // only now: a pass that failed before here looks at this topic again
        }
    }

    private async Task RetryDueAsync(DateTimeOffset now)
    {
        foreach (var retry in deliveries.TakeDue(now))
        {
            if (!store.Value.TryClaimRetry(retry, now + RetryClaim))
            {
                deliveries.Drop(retry); // another instance makes this attempt
                continue;
            }

            var subscription = store.Value.Active(retry.Topic, now).FirstOrDefault(s => string.Equals(s.Callback, retry.Callback, StringComparison.Ordinal));
            if (subscription is not null && (await ContentAsync(retry.Topic, onlyIfMoved: false)).Content is { } content)
            {
                deliveries.Post(subscription, content); // the topic's bytes now, not the ones that failed
            }
            else
            {
                deliveries.Forget(retry);
            }
        }
    }

    /// <summary>
    /// The topic's body now, with its feed's version; no body when its feed is gone, or (<paramref name="onlyIfMoved"/>)
    /// its version has not moved since the last pass that distributed it.
    /// </summary>
    private async Task<(TopicContent? Content, long Version)> ContentAsync(string topic, bool onlyIfMoved)
    {
        if (!catalog.TryResolve(topic, urls.Configured, out var resolved, out var baseUrl, out var feed))
        {
            return (null, 0);
        }

        if (onlyIfMoved && _versions.TryGetValue(topic, out var seen) && seen == feed.Version)
        {
            return (null, feed.Version);
        }

        var representation = await feeds.TopicAsync(feed, resolved.Format, urls.OriginFor(baseUrl));
        try
        {
            return (new TopicContent(topic, representation.Identity.ToArray(), representation.ContentType,
                representation.LinkHeader ?? $"<{resolved.SelfUrl}>; rel=\"self\"", representation.ETagIdentity), feed.Version);
        }
        finally
        {
            representation.Release();
        }
    }

    /// <summary>
    /// Waits until no snapshot has come for the burst window (at most five windows), so a burst is one pass. The flag is
    /// cleared before each wait: a snapshot after the last clearing is seen by the next pass or sets it again.
    /// </summary>
    private async Task GatherBurstAsync(CancellationToken ct)
    {
        var ends = time.GetUtcNow() + _burst * 5;
        do
        {
            changes.Take();
            if (_burst <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(_burst, time, ct);
        }
        while (changes.Pending && time.GetUtcNow() < ends);
    }

    [LoggerMessage(EventId = 53, Level = LogLevel.Error, Message = "WebSub: a distribution pass failed; the next change or sweep tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
