using System.Globalization;
using IfpFeeds.WebSub;
using StackExchange.Redis;

namespace IfpFeeds.Fleet;

/// <summary>
/// The WebSub hub's store in a fleet: subscriptions, intents, retries and each topic's last distributed tag in Redis, so a
/// subscription made through one instance is served by all, and of the instances that see a change only the one whose
/// atomic swap takes the old tag out delivers it (<see cref="SwapLastContent"/>). Keys: <c>ifpfeeds:websub:topics</c> (a
/// set), <c>ifpfeeds:websub:subs:{topic}</c> (callback → <c>expiresAt|secret</c>), <c>…:intents</c>, <c>…:retries</c>
/// (topic and callback → state), <c>…:content</c> (topic → entity-tag). Redis unreachable: every call throws an
/// <see cref="IOException"/>, which the hub answers as storage unavailable (503), never a 500.
/// </summary>
public sealed class RedisSubscriptionStore(RedisConnection redis) : ISubscriptionStore
{
    private const string Prefix = "ifpfeeds:websub:";
    private static readonly RedisKey TopicsKey = Prefix + "topics", IntentsKey = Prefix + "intents", RetriesKey = Prefix + "retries", ContentKey = Prefix + "content";

    // KEYS[1] the content hash; ARGV[1] the topic, ARGV[2] the new tag. Returns the tag before ('' for none).
    private const string SwapScript = """
        local previous = redis.call('HGET', KEYS[1], ARGV[1])
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return previous or ''
        """;

    // KEYS[1] the retries hash; ARGV[1] the field, ARGV[2] the value expected, ARGV[3] the claimed one. 1 when claimed.
    private const string ClaimScript = """
        if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
          redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
          return 1
        end
        return 0
        """;

    public void SaveIntent(SubscriptionIntent intent) => Run(db => db.HashSet(IntentsKey, Pair(intent.Topic, intent.Callback),
        string.Join('|', intent.Subscribe ? "1" : "0", Number(intent.LeaseSeconds), Number(intent.RequestedAt.ToUnixTimeSeconds()), intent.Secret ?? "")));

    public IReadOnlyList<SubscriptionIntent> Intents() => Run(db => db.HashGetAll(IntentsKey)
        .Select(e => (Key: Unpair(e.Name!), Value: e.Value.ToString().Split('|', 4)))
        .Select(e => new SubscriptionIntent(e.Value[0] == "1", e.Key.Topic, e.Key.Callback, e.Value[3].Length == 0 ? null : e.Value[3], int.Parse(e.Value[1], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(e.Value[2], CultureInfo.InvariantCulture))))
        .OrderBy(i => i.RequestedAt).ThenBy(i => i.Topic, StringComparer.Ordinal).ThenBy(i => i.Callback, StringComparer.Ordinal).ToList());

    public void Verified(SubscriptionIntent intent, DateTimeOffset now) => Run(db =>
    {
        var transaction = db.CreateTransaction();
        var pair = Pair(intent.Topic, intent.Callback);
        if (intent.Subscribe)
        {
            _ = transaction.HashSetAsync(SubsKey(intent.Topic), intent.Callback, Number(now.ToUnixTimeSeconds() + intent.LeaseSeconds) + "|" + (intent.Secret ?? ""));
            _ = transaction.SetAddAsync(TopicsKey, intent.Topic);
        }
        else
        {
            _ = transaction.HashDeleteAsync(SubsKey(intent.Topic), intent.Callback);
            _ = transaction.HashDeleteAsync(RetriesKey, pair);
        }

        _ = transaction.HashDeleteAsync(IntentsKey, pair);
        return transaction.Execute();
    });

    public void Refused(SubscriptionIntent intent) => Run(db => db.HashDelete(IntentsKey, Pair(intent.Topic, intent.Callback)));

    public IReadOnlyList<Subscription> Active(string topic, DateTimeOffset now) => Run(db => db.HashGetAll(SubsKey(topic))
        .Select(e => ToSubscription(topic, e))
        .Where(s => s.ExpiresAt > now).OrderBy(s => s.Callback, StringComparer.Ordinal).ToList());

    public IReadOnlyList<string> Topics(DateTimeOffset now) => [.. Run(db => db.SetMembers(TopicsKey)).Select(t => t.ToString())
        .Where(t => Active(t, now).Count > 0).Order(StringComparer.Ordinal)];

    public string? LastContent(string topic) => Run(db => (string?)db.HashGet(ContentKey, topic));

    public string? SwapLastContent(string topic, string etag) =>
        Run(db => (string?)db.ScriptEvaluate(SwapScript, [ContentKey], [topic, etag])) is { Length: > 0 } previous ? previous : null;

    public void SetLastContentIfNone(string topic, string etag) => Run(db => db.HashSet(ContentKey, topic, etag, When.NotExists));

    public int Count(string? topic = null) => topic is not null
        ? (int)Run(db => db.HashLength(SubsKey(topic)))
        : Run(db => db.SetMembers(TopicsKey)).Sum(t => (int)Run(db => db.HashLength(SubsKey(t.ToString()))));

    public bool Remove(string topic, string callback) => Run(db =>
    {
        _ = db.HashDelete(RetriesKey, Pair(topic, callback));
        return db.HashDelete(SubsKey(topic), callback);
    });

    public int RemoveExpired(DateTimeOffset now)
    {
        var removed = 0;
        foreach (var topic in Run(db => db.SetMembers(TopicsKey)).Select(t => t.ToString()))
        {
            var entries = Run(db => db.HashGetAll(SubsKey(topic)));
            foreach (var expired in entries.Select(e => ToSubscription(topic, e)).Where(s => s.ExpiresAt <= now))
            {
                removed += Remove(topic, expired.Callback) ? 1 : 0;
            }

            if (Run(db => db.HashLength(SubsKey(topic))) == 0)
            {
                Run(db => db.SetRemove(TopicsKey, topic));
            }
        }

        return removed;
    }

    public void SaveRetry(DeliveryRetry retry) => Run(db => db.HashSet(RetriesKey, Pair(retry.Topic, retry.Callback), RetryValue(retry)));

    public void ClearRetry(string topic, string callback) => Run(db => db.HashDelete(RetriesKey, Pair(topic, callback)));

    public bool TryClaimRetry(DeliveryRetry due, DateTimeOffset until) =>
        (long)Run(db => db.ScriptEvaluate(ClaimScript, [RetriesKey], [Pair(due.Topic, due.Callback), RetryValue(due), RetryValue(due with { NextAt = until })])) == 1;

    public IReadOnlyList<DeliveryRetry> Retries() => Run(db => db.HashGetAll(RetriesKey)
        .Select(e => (Key: Unpair(e.Name!), Value: e.Value.ToString().Split('|')))
        .Select(e => new DeliveryRetry(e.Key.Topic, e.Key.Callback, int.Parse(e.Value[0], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(e.Value[1], CultureInfo.InvariantCulture)),
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(e.Value[2], CultureInfo.InvariantCulture))))
        .OrderBy(r => r.NextAt).ToList());

    public void Dispose()
    {
        // The connection is the fleet's, disposed with it.
    }

    private static RedisKey SubsKey(string topic) => Prefix + "subs:" + topic;

    /// <summary>A topic and a callback as one hash field (neither may hold a line break: they are URLs).</summary>
    private static string Pair(string topic, string callback) => topic + "\n" + callback;

    private static (string Topic, string Callback) Unpair(string field) => (field[..field.IndexOf('\n')], field[(field.IndexOf('\n') + 1)..]);

    private static Subscription ToSubscription(string topic, HashEntry entry)
    {
        var value = entry.Value.ToString();
        var bar = value.IndexOf('|');
        var secret = value[(bar + 1)..];
        return new Subscription(topic, entry.Name!, secret.Length == 0 ? null : secret,
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(value[..bar], CultureInfo.InvariantCulture)));
    }

    private static string RetryValue(DeliveryRetry retry) =>
        string.Join('|', Number(retry.Attempts), Number(retry.NextAt.ToUnixTimeSeconds()), Number(retry.GiveUpAt.ToUnixTimeSeconds()));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private T Run<T>(Func<IDatabase, T> command)
    {
        try
        {
            return command(redis.Multiplexer.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new IOException($"the WebSub store in Redis at {redis.Endpoints} is unreachable: {ex.Message}", ex);
        }
    }

    private void Run(Action<IDatabase> command) => Run<bool>(db =>
    {
        command(db);
        return true;
    });
}
