using IfpFeeds.WebSub;

namespace IfpFeeds.Tests;

/// <summary>The hub's SQLite store, except that the next <see cref="FailTopics"/> calls listing topics throw as an unreachable store does.</summary>
public sealed class FlakySubscriptionStore(string folder) : ISubscriptionStore
{
    private readonly SqliteSubscriptionStore _inner = new(folder);
    private int _failTopics;

    /// <summary>How many of the next <see cref="Topics"/> calls fail (below 0 once they have).</summary>
    public int FailTopics
    {
        get => Volatile.Read(ref _failTopics);
        set => Volatile.Write(ref _failTopics, value);
    }

    public IReadOnlyList<string> Topics(DateTimeOffset now) =>
        Interlocked.Decrement(ref _failTopics) >= 0 ? throw new IOException("the store is unreachable (a test's)") : _inner.Topics(now);

    public void SaveIntent(SubscriptionIntent intent) => _inner.SaveIntent(intent);
    public IReadOnlyList<SubscriptionIntent> Intents() => _inner.Intents();
    public void Verified(SubscriptionIntent intent, DateTimeOffset now) => _inner.Verified(intent, now);
    public void Refused(SubscriptionIntent intent) => _inner.Refused(intent);
    public IReadOnlyList<Subscription> Active(string topic, DateTimeOffset now) => _inner.Active(topic, now);
    public string? LastContent(string topic) => _inner.LastContent(topic);
    public string? SwapLastContent(string topic, string etag) => _inner.SwapLastContent(topic, etag);
    public void SetLastContentIfNone(string topic, string etag) => _inner.SetLastContentIfNone(topic, etag);
    public int Count(string? topic = null) => _inner.Count(topic);
    public bool Remove(string topic, string callback) => _inner.Remove(topic, callback);
    public int RemoveExpired(DateTimeOffset now) => _inner.RemoveExpired(now);
    public void SaveRetry(DeliveryRetry retry) => _inner.SaveRetry(retry);
    public void ClearRetry(string topic, string callback) => _inner.ClearRetry(topic, callback);
    public IReadOnlyList<DeliveryRetry> Retries() => _inner.Retries();
    public bool TryClaimRetry(DeliveryRetry due, DateTimeOffset until) => _inner.TryClaimRetry(due, until);
    public void Dispose()
    {
        _inner.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
