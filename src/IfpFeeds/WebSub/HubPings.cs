using System.Collections.Concurrent;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// Tells external hubs (<c>Feeds:WebSub:Hubs</c>) which topics changed, as WordPress's WebSub plugin does: a form POST of
/// <c>hub.mode=publish</c> with one <c>hub.url</c> per changed topic (at most <see cref="MaxUrlsPerPing"/> a request),
/// through the outbound rules (no redirects, timeouts, the address rule). A 5xx, timeout or connection error is retried
/// with <see cref="RetrySchedule"/>'s backoff for <c>Feeds:WebSub:RetrySeconds</c>; other answers end it. Topics are the
/// canonical URLs under <c>Feeds:BaseUrl</c> (required with external hubs); a topic changed when its feed's version
/// moved. The first look after start is the baseline (the hubs fetch topics themselves when they will).
/// </summary>
public sealed partial class HubPings(HttpClient http, TopicCatalog catalog, FeedRepresentations feeds, PublicUrls urls, WebSubMetrics metrics,
    IOptions<FeedsOptions> options, TimeProvider time, ILogger<HubPings> logger)
{
    /// <summary>Topic URLs in one ping at most.</summary>
    public const int MaxUrlsPerPing = 100;

    private readonly Uri[] _hubs = [.. options.Value.WebSub.Hubs.Select(h => new Uri(h, UriKind.Absolute))];
    private readonly TimeSpan _retryFor = TimeSpan.FromSeconds(options.Value.WebSub.RetrySeconds);
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private bool _baselined;

    /// <summary>Whether any external hub is configured.</summary>
    public bool Enabled => _hubs.Length > 0 && urls.Configured is not null;

    /// <summary>The topics whose feed moved since the last call (none at the first: the baseline), in a stable order.</summary>
    public IReadOnlyList<string> ChangedTopics()
    {
        var changed = new List<string>();
        foreach (var topic in catalog.All(urls.Configured!))
        {
            if (!feeds.TryFind(topic.Name, out var feed))
            {
                continue;
            }

            if (_versions.TryGetValue(topic.SelfUrl, out var seen) && seen == feed.Version)
            {
                continue;
            }

            _versions[topic.SelfUrl] = feed.Version;
            if (_baselined)
            {
                changed.Add(topic.SelfUrl);
            }
        }

        _baselined = true;
        return changed;
    }

    /// <summary>Pings every hub about <paramref name="topics"/> in the background (the caller does not wait for the hubs).</summary>
    public void Ping(IReadOnlyList<string> topics, CancellationToken ct)
    {
        foreach (var hub in _hubs)
        {
            foreach (var batch in topics.Chunk(MaxUrlsPerPing))
            {
                _ = PingWithRetriesAsync(hub, batch, ct);
            }
        }
    }

    private async Task PingWithRetriesAsync(Uri hub, string[] topics, CancellationToken ct)
    {
        DeliveryRetry? retry = null;
        try
        {
            while (true)
            {
                var outcome = await PingAsync(hub, topics, ct);
                metrics.Pinged(DeliveryOutcomes.Name(outcome));
                LogPing(logger, hub.AbsoluteUri, topics.Length, DeliveryOutcomes.Name(outcome));
                if (outcome != DeliveryOutcome.Retry)
                {
                    return;
                }

                retry = RetrySchedule.After(retry, topics[0], hub.AbsoluteUri, time.GetUtcNow(), _retryFor);
                if (retry is null)
                {
                    metrics.Pinged("dropped");
                    LogPing(logger, hub.AbsoluteUri, topics.Length, "dropped: retries gave up");
                    return;
                }

                await Task.Delay(retry.NextAt - time.GetUtcNow(), time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task<DeliveryOutcome> PingAsync(Uri hub, string[] topics, CancellationToken ct)
    {
        var form = new List<KeyValuePair<string, string>> { new("hub.mode", "publish") };
        form.AddRange(topics.Select(t => new KeyValuePair<string, string>("hub.url", t)));
        try
        {
            using var response = await http.PostAsync(hub, new FormUrlEncodedContent(form), ct);
            return CallbackClient.OutcomeOf((int)response.StatusCode);
        }
        catch (Exception ex) when (OutboundHttp.Failed(ex, ct))
        {
            return DeliveryOutcome.Retry;
        }
    }

    [LoggerMessage(EventId = 54, Level = LogLevel.Information, Message = "WebSub: publish ping to {Hub} for {Count} topic(s): {Outcome}")]
    private static partial void LogPing(ILogger logger, string hub, int count, string outcome);
}
