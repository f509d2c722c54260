using IfpFeeds.WebSub;

namespace IfpFeeds.Tests;

/// <summary>The backoff of failed deliveries: doubling from 1 s, capped at 10 minutes, bounded from the first failure.</summary>
public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void WaitsDoubleFromOneSecondUpToTenMinutesAndStopWhenTheTimeIsUp()
    {
        var waits = new List<double>();
        DeliveryRetry? retry = null;
        var now = T;
        while (true)
        {
            var next = RetrySchedule.After(retry, "t", "c", now, TimeSpan.FromHours(1));
            if (next is null)
            {
                break;
            }

            waits.Add((next.NextAt - now).TotalSeconds);
            Assert.Equal(T.AddHours(1), next.GiveUpAt); // from the first failure, not moved by later ones
            Assert.Equal(waits.Count, next.Attempts);
            (retry, now) = (next, next.NextAt);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600], waits.Take(11));
        Assert.All(waits.Skip(10), w => Assert.Equal(600, w));
        Assert.True(now <= T.AddHours(1) && now > T.AddHours(1).AddMinutes(-10), $"last attempt at {now}");
    }

    [Fact]
    public void ARetryTimeShorterThanTheFirstWaitGivesUpAtOnce() =>
        Assert.Null(RetrySchedule.After(null, "t", "c", T, TimeSpan.FromMilliseconds(500)));
}
