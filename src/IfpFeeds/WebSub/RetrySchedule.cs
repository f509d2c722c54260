namespace IfpFeeds.WebSub;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from 1 s, doubling, at most 10 minutes apart, for a
/// bounded time from the first failure (<c>Feeds:WebSub:RetrySeconds</c>); after that the delivery is dropped (the
/// subscription stays, and gets the next change).
/// </summary>
public static class RetrySchedule
{
    /// <summary>The first wait, and the longest.</summary>
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1), Longest = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The retry after a failure at <paramref name="now"/>, given the retry state before it (null: the first failure);
    /// null when the next attempt would come after retries give up.
    /// </summary>
    public static DeliveryRetry? After(DeliveryRetry? previous, string topic, string callback, DateTimeOffset now, TimeSpan retryFor)
    {
        var attempts = (previous?.Attempts ?? 0) + 1;
        var giveUpAt = previous?.GiveUpAt ?? now + retryFor;
        var wait = TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(attempts - 1, 30)));
        var next = now + wait;
        return next > giveUpAt ? null : new DeliveryRetry(topic, callback, attempts, next, giveUpAt);
    }
}
