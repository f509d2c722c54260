using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// Verifies subscribers' intents (W3C WebSub §5.3) and records the outcome: a confirmed subscribe creates or renews the
/// subscription, a confirmed unsubscribe removes it, anything else leaves no trace. A new subscription past
/// <c>Feeds:WebSub:MaxSubscriptions</c> or <c>MaxSubscriptionsPerTopic</c> is refused without a request (a renewal
/// never is). Intents are stored before they are verified, so those a restart interrupted are verified after it.
/// </summary>
public sealed partial class IntentVerifier(ISubscriptionStore store, CallbackClient client, IOptions<FeedsOptions> options, TimeProvider time,
    ILogger<IntentVerifier> logger)
{
    private readonly WebSubOptions _options = options.Value.WebSub;

    /// <summary>Verifies <paramref name="intent"/> (already stored) and records what came of it; true when confirmed.</summary>
    public async Task<bool> VerifyAsync(SubscriptionIntent intent, CancellationToken ct)
    {
        if (intent.Subscribe && !Renews(intent) && (store.Count() >= _options.MaxSubscriptions || store.Count(intent.Topic) >= _options.MaxSubscriptionsPerTopic))
        {
            store.Refused(intent);
            LogOutcome(logger, intent.Subscribe ? "subscribe" : "unsubscribe", intent.Topic, intent.Callback, "refused: the hub holds its most subscriptions");
            return false;
        }

        var confirmed = await client.VerifyAsync(intent, ct);
        if (confirmed)
        {
            store.Verified(intent, time.GetUtcNow());
        }
        else
        {
            store.Refused(intent);
        }

        LogOutcome(logger, intent.Subscribe ? "subscribe" : "unsubscribe", intent.Topic, intent.Callback, confirmed ? "verified" : "not verified");
        return confirmed;
    }

    /// <summary>Verifies every stored intent (those a restart interrupted), one after another; how many were confirmed.</summary>
    public async Task<int> VerifyStoredAsync(CancellationToken ct)
    {
        var confirmed = 0;
        foreach (var intent in store.Intents())
        {
            confirmed += await VerifyAsync(intent, ct) ? 1 : 0;
        }

        return confirmed;
    }

    private bool Renews(SubscriptionIntent intent) =>
        store.Active(intent.Topic, time.GetUtcNow()).Any(s => string.Equals(s.Callback, intent.Callback, StringComparison.Ordinal));

    [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "WebSub: {Mode} of {Callback} to {Topic}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string mode, string topic, string callback, string outcome);
}
