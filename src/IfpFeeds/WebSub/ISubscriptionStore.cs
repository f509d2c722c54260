namespace IfpFeeds.WebSub;

/// <summary>
/// Where the hub keeps its subscriptions, the intents it has still to verify and the deliveries it has still to retry, so
/// that all of them survive a restart. Every change is one transaction. The embedded store is SQLite
/// (<see cref="SqliteSubscriptionStore"/>); a fleet's is shared (Redis). A subscription is keyed by (topic, callback).
/// </summary>
public interface ISubscriptionStore : IDisposable
{
    /// <summary>Keeps <paramref name="intent"/> until it is verified or refused; it replaces one for the same topic and callback.</summary>
    void SaveIntent(SubscriptionIntent intent);

    /// <summary>Every intent not yet verified or refused, oldest first (to verify again after a restart).</summary>
    IReadOnlyList<SubscriptionIntent> Intents();

    /// <summary>
    /// The callback confirmed <paramref name="intent"/>: a subscribe creates or renews the subscription (its lease from
    /// <paramref name="now"/>, its secret replaced); an unsubscribe removes it and its retry. The intent is gone after.
    /// </summary>
    void Verified(SubscriptionIntent intent, DateTimeOffset now);

    /// <summary>The callback did not confirm <paramref name="intent"/>: it is dropped, and nothing else changes.</summary>
    void Refused(SubscriptionIntent intent);

    /// <summary>The subscriptions of <paramref name="topic"/> whose lease has not run out at <paramref name="now"/>.</summary>
    IReadOnlyList<Subscription> Active(string topic, DateTimeOffset now);

    /// <summary>Every topic with a subscription whose lease has not run out at <paramref name="now"/>, in order.</summary>
    IReadOnlyList<string> Topics(DateTimeOffset now);

    /// <summary>
    /// The entity-tag of the body last distributed for <paramref name="topic"/> (or taken as its baseline when its first
    /// subscriber was verified); null when none is known. Kept so a change made while the service was down is pushed after.
    /// </summary>
    string? LastContent(string topic);

    /// <summary>
    /// Records <paramref name="etag"/> as the body now distributed for <paramref name="topic"/> and returns, in the same
    /// atomic step, the one recorded before (null: none). Of several instances that see one change, exactly one gets back
    /// an older tag: that one delivers it.
    /// </summary>
    string? SwapLastContent(string topic, string etag);

    /// <summary>Records <paramref name="etag"/> as <paramref name="topic"/>'s baseline unless it has one already.</summary>
    void SetLastContentIfNone(string topic, string etag);

    /// <summary>How many subscriptions there are in all, and for <paramref name="topic"/> when given.</summary>
    int Count(string? topic = null);

    /// <summary>Removes one subscription (its callback answered <c>410 Gone</c>) and its retry; false when there was none.</summary>
    bool Remove(string topic, string callback);

    /// <summary>Removes every subscription whose lease ran out by <paramref name="now"/>, with its retry; how many.</summary>
    int RemoveExpired(DateTimeOffset now);

    /// <summary>Keeps (or replaces) the retry state of one delivery.</summary>
    void SaveRetry(DeliveryRetry retry);

    /// <summary>Forgets the retry state of one delivery (it succeeded, or retries gave up).</summary>
    void ClearRetry(string topic, string callback);

    /// <summary>
    /// Marks <paramref name="due"/> (as read from the store) under way until <paramref name="until"/>, atomically; false when
    /// it changed or went since (another instance of a fleet claimed it, or it ended): then this one leaves it alone.
    /// </summary>
    bool TryClaimRetry(DeliveryRetry due, DateTimeOffset until);

    /// <summary>Every delivery waiting for a retry.</summary>
    IReadOnlyList<DeliveryRetry> Retries();
}
