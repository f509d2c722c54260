using IfpFeeds.WebSub;

namespace IfpFeeds.Tests;

/// <summary>What every <see cref="ISubscriptionStore"/> must do with retries in a fleet: one claim per attempt.</summary>
public static class RetryClaims
{
    public static void AssertClaimedOnce(ISubscriptionStore store)
    {
        using (store)
        {
            var at = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
            var retry = new DeliveryRetry("https://feeds.example.com/feeds/all.atom", "https://reader.example.net/push/1", 1, at, at.AddHours(1));
            store.SaveRetry(retry);
            Assert.True(store.TryClaimRetry(retry, at.AddMinutes(2)));
            Assert.False(store.TryClaimRetry(retry, at.AddMinutes(2))); // a second instance with the same copy: not its attempt
            Assert.Equal(at.AddMinutes(2), Assert.Single(store.Retries()).NextAt);

            var next = retry with { Attempts = 2, NextAt = at.AddSeconds(2) };
            store.SaveRetry(next); // the attempt failed again: rescheduled
            Assert.False(store.TryClaimRetry(retry, at.AddMinutes(3))); // an old copy claims nothing
            Assert.True(store.TryClaimRetry(next, at.AddMinutes(3)));
            store.ClearRetry(next.Topic, next.Callback);
            Assert.False(store.TryClaimRetry(next with { NextAt = at.AddMinutes(3) }, at.AddMinutes(4))); // gone
        }
    }
}
