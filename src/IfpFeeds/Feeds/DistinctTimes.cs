using System.Collections.Immutable;
using IfpFeeds.Captures;

namespace IfpFeeds.Feeds;

/// <summary>
/// Ties (README, "Dates"): entries of one feed whose times are equal (a folder first seen in one burst, one date
/// in many front matters) are told apart, so that no two entries of a feed document share a <c>published</c>
/// or an <c>updated</c> value (the W3C validator's <c>DuplicateUpdated</c>; readers that sort by date get the
/// feed's own order). In a run of n entries with one published time T, in the feed's order (newest first, then
/// id), the k-th (from 0) takes T + (n − 1 − k) steps: the last keeps T. A step is 1 ms, or 1 s / n when more
/// than 1,000 tie. So the order is kept, no time moves by a second or more, and whole-second displays (RSS,
/// HTTP dates, pages) show T for all. An entry never edited is updated when published; an edited one keeps its
/// updated time unless an earlier entry of the page has it, and then takes the next free step after it.
/// </summary>
internal static class DistinctTimes
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    /// <summary>The published time of each of <paramref name="count"/> articles from <paramref name="start"/>, ties told apart
    /// over the whole run each belongs to (so every page of a feed gives an entry the same time).</summary>
    public static DateTimeOffset[] Published(ImmutableArray<Article> newestFirst, int start, int count)
    {
        var times = new DateTimeOffset[count];
        var i = 0;
        while (i < count)
        {
            var time = newestFirst[start + i].Published;
            var runStart = start + i;
            while (runStart > 0 && newestFirst[runStart - 1].Published == time)
            {
                runStart--;
            }

            var runEnd = start + i + 1;
            while (runEnd < newestFirst.Length && newestFirst[runEnd].Published == time)
            {
                runEnd++;
            }

            var n = runEnd - runStart;
            var step = n <= 1000 ? Millisecond : TimeSpan.FromTicks(Math.Max(1, TimeSpan.TicksPerSecond / n));
            for (; i < count && start + i < runEnd; i++)
            {
                times[i] = time + (step * (runEnd - 1 - (start + i)));
            }
        }

        return times;
    }

    /// <summary>The updated time of each entry of a page whose published times are <paramref name="published"/> (distinct):
    /// an entry never edited takes its published time; an edited one its own, moved on by 1 ms steps past any taken.</summary>
    public static DateTimeOffset[] Updated(ReadOnlySpan<Article> page, DateTimeOffset[] published)
    {
        var updated = new DateTimeOffset[page.Length];
        var taken = new HashSet<DateTimeOffset>(page.Length);
        for (var i = 0; i < page.Length; i++)
        {
            if (page[i].Updated <= page[i].Published)
            {
                updated[i] = published[i];
                taken.Add(published[i]);
            }
        }

        for (var i = 0; i < page.Length; i++)
        {
            if (page[i].Updated > page[i].Published)
            {
                var candidate = page[i].Updated > published[i] ? page[i].Updated : published[i];
                while (!taken.Add(candidate))
                {
                    candidate += Millisecond;
                }

                updated[i] = candidate;
            }
        }

        return updated;
    }
}
