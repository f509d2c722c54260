using IfpFeeds.WebSub;

namespace IfpFeeds.Tests;

/// <summary>The hub's SQLite store: subscriptions, intents and retries, kept across a reopen (a restart).</summary>
public sealed class SubscriptionStoreTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private const string Topic = "https://feeds.example.com/feeds/all.atom", Callback = "https://reader.example.net/push/1";
    private readonly string _folder = Directory.CreateTempSubdirectory("ifpfeeds-websub-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SqliteSubscriptionStore Open() => new(_folder);

    [Fact]
    public void NoFileIsMadeUntilTheFirstSubscriptionRequestAndTheTopicsLastContentIsKept()
    {
        using (var store = Open())
        {
            Assert.Empty(store.Intents());
            Assert.Empty(store.Topics(T));
            Assert.Equal(0, store.Count());
            Assert.Equal(0, store.RemoveExpired(T));
            store.ClearRetry(Topic, Callback);
            Assert.Null(store.LastContent(Topic));
            Assert.False(File.Exists(store.Location)); // reads and removals make nothing

            store.SetLastContentIfNone(Topic, "\"abc\"");
            Assert.True(File.Exists(store.Location));
            store.SetLastContentIfNone(Topic, "\"other\""); // a baseline is kept
            Assert.Equal("\"abc\"", store.SwapLastContent(Topic, "\"def\""));
            Assert.Equal("\"def\"", store.SwapLastContent(Topic, "\"abc\""));
        }

        using var reopened = Open();
        Assert.Equal("\"abc\"", reopened.LastContent(Topic));
        reopened.SaveIntent(new SubscriptionIntent(true, Topic, Callback, null, 3600, T));
        reopened.Verified(reopened.Intents()[0], T);
        Assert.Equal([Topic], reopened.Topics(T));
        Assert.Empty(reopened.Topics(T.AddHours(1))); // expired: no longer a topic with subscribers
    }

    [Fact]
    public void ARetryIsClaimedOnceAndNotAfterItChanged() => RetryClaims.AssertClaimedOnce(Open());

    [Fact]
    public void AVerifiedSubscriptionIsActiveUntilItsLeaseEndsAndSurvivesAReopen()
    {
        using (var store = Open())
        {
            var intent = new SubscriptionIntent(true, Topic, Callback, "s3cret", 3600, T);
            store.SaveIntent(intent);
            Assert.Empty(store.Active(Topic, T)); // not before verification
            store.Verified(intent, T);
            Assert.Empty(store.Intents());
        }

        using var reopened = Open();
        var subscription = Assert.Single(reopened.Active(Topic, T.AddMinutes(59)));
        Assert.Equal(new Subscription(Topic, Callback, "s3cret", T.AddHours(1)), subscription);
        Assert.Empty(reopened.Active(Topic, T.AddHours(1)));
        Assert.Empty(reopened.Active("https://feeds.example.com/feeds/all.rss", T));
        Assert.Equal(1, reopened.RemoveExpired(T.AddHours(1)));
        Assert.Equal(0, reopened.Count());
    }

    [Fact]
    public void ResubscribingRenewsTheLeaseAndReplacesTheSecretAndUnsubscribingRemovesItsRetry()
    {
        using var store = Open();
        store.Verified(new SubscriptionIntent(true, Topic, Callback, "old", 3600, T), T);
        store.Verified(new SubscriptionIntent(true, Topic, Callback, null, 7200, T.AddMinutes(30)), T.AddMinutes(30));
        Assert.Equal(new Subscription(Topic, Callback, null, T.AddMinutes(150)), Assert.Single(store.Active(Topic, T)));
        Assert.Equal(1, store.Count(Topic));

        store.SaveRetry(new DeliveryRetry(Topic, Callback, 2, T.AddMinutes(1), T.AddHours(1)));
        store.Verified(new SubscriptionIntent(false, Topic, Callback, null, 0, T), T);
        Assert.Equal(0, store.Count());
        Assert.Empty(store.Retries());
    }

    [Fact]
    public void IntentsAndRetriesSurviveAReopenAndARefusalOrRemovalChangesOnlyItsOwn()
    {
        var other = Callback + "?b";
        using (var store = Open())
        {
            store.SaveIntent(new SubscriptionIntent(true, Topic, Callback, null, 60, T));
            store.SaveIntent(new SubscriptionIntent(true, Topic, other, null, 60, T.AddSeconds(1)));
            store.Verified(new SubscriptionIntent(true, Topic, other, null, 3600, T), T);
            store.SaveRetry(new DeliveryRetry(Topic, other, 1, T.AddSeconds(30), T.AddHours(1)));
        }

        using var reopened = Open();
        var pending = Assert.Single(reopened.Intents());
        Assert.Equal(Callback, pending.Callback);
        Assert.Equal(new DeliveryRetry(Topic, other, 1, T.AddSeconds(30), T.AddHours(1)), Assert.Single(reopened.Retries()));

        reopened.Refused(pending);
        Assert.Empty(reopened.Intents());
        Assert.Equal(1, reopened.Count());
        Assert.True(reopened.Remove(Topic, other)); // a 410
        Assert.False(reopened.Remove(Topic, other));
        Assert.Empty(reopened.Retries());
    }
}
