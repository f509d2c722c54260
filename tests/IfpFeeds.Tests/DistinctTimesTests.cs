using System.Collections.Immutable;
using IfpFeeds.Captures;
using IfpFeeds.Feeds;

namespace IfpFeeds.Tests;

/// <summary>Ties told apart within a feed: the steps, the pages, the edited entries.</summary>
public sealed class DistinctTimesTests
{
    private static readonly DateTimeOffset T = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Article Article(string id, DateTimeOffset published, DateTimeOffset? updated = null) =>
        CaptureParser.Parse(id + ".txt", CaptureText.Bytes(CaptureText.Simple()), published).Article! with { Updated = updated ?? published };

    [Fact]
    public void EveryPageGivesAnEntryTheTimeTheWholeFeedGivesIt()
    {
        var articles = ImmutableArray.CreateRange(Enumerable.Range(0, 10).Select(i => Article($"a{i}", T)).Append(Article("older", T.AddDays(-1))));
        var whole = DistinctTimes.Published(articles, 0, articles.Length);
        Assert.Equal(T.AddMilliseconds(9), whole[0]);
        Assert.Equal(T, whole[9]);
        Assert.Equal(T.AddDays(-1), whole[10]); // alone in its run: untouched
        for (var skip = 0; skip < articles.Length; skip += 3)
        {
            var count = Math.Min(3, articles.Length - skip);
            Assert.Equal(whole.AsSpan(skip, count).ToArray(), DistinctTimes.Published(articles, skip, count));
        }
    }

    [Fact]
    public void MoreThanAThousandTiesTakeSmallerStepsAndStayWithinASecond()
    {
        var articles = ImmutableArray.CreateRange(Enumerable.Range(0, 4000).Select(i => Article($"a{i:D4}", T)));
        var times = DistinctTimes.Published(articles, 0, articles.Length);
        Assert.Equal(4000, times.Distinct().Count());
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First > p.Second));
        Assert.InRange(times[0] - T, TimeSpan.Zero, TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1)); // 3,999 steps of 250 µs
    }

    [Fact]
    public void AnEditedEntryKeepsItsUpdatedTimeUnlessAnotherEntryHasIt()
    {
        var page = new[] { Article("x", T, T.AddHours(1)), Article("y", T.AddMinutes(-5), T.AddHours(1)), Article("z", T.AddHours(-2)) };
        var published = page.Select(a => a.Published).ToArray();
        var updated = DistinctTimes.Updated(page, published);
        Assert.Equal([T.AddHours(1), T.AddHours(1).AddMilliseconds(1), T.AddHours(-2)], updated);
    }
}
