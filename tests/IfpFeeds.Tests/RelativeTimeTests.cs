using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>ARTICLE-FORMAT.md, "Relative times": every form of the grammar, read as offset ± uncertainty.</summary>
public sealed class RelativeTimeTests
{
    [Theory]
    // N UNIT ago, for every unit spelling: N × unit, ± half a unit.
    [InlineData("5 sec ago", 5, 0.5)]
    [InlineData("5 secs ago", 5, 0.5)]
    [InlineData("1 second ago", 1, 0.5)]
    [InlineData("45 seconds ago", 45, 0.5)]
    [InlineData("1 min ago", 60, 30)]
    [InlineData("32 mins ago", 1_920, 30)]
    [InlineData("1 minute ago", 60, 30)]
    [InlineData("29 minutes ago", 1_740, 30)]
    [InlineData("1 hr ago", 3_600, 1_800)]
    [InlineData("2 hrs ago", 7_200, 1_800)]
    [InlineData("1 hour ago", 3_600, 1_800)]
    [InlineData("15 hours ago", 54_000, 1_800)]
    [InlineData("1 day ago", 86_400, 43_200)]
    [InlineData("3 days ago", 259_200, 43_200)]
    [InlineData("1 wk ago", 604_800, 302_400)]
    [InlineData("2 wks ago", 1_209_600, 302_400)]
    [InlineData("1 week ago", 604_800, 302_400)]
    [InlineData("3 weeks ago", 1_814_400, 302_400)]
    [InlineData("1 mo ago", 2_592_000, 1_296_000)]
    [InlineData("1 month ago", 2_592_000, 1_296_000)]
    [InlineData("11 months ago", 28_512_000, 1_296_000)]
    [InlineData("1 yr ago", 31_536_000, 15_768_000)]
    [InlineData("2 yrs ago", 63_072_000, 15_768_000)]
    [InlineData("1 year ago", 31_536_000, 15_768_000)]
    [InlineData("10 years ago", 315_360_000, 15_768_000)]
    // a / an / one UNIT ago.
    [InlineData("a minute ago", 60, 30)]
    [InlineData("an hour ago", 3_600, 1_800)]
    [InlineData("one day ago", 86_400, 43_200)]
    [InlineData("a year ago", 31_536_000, 15_768_000)]
    // The phrases.
    [InlineData("just now", 0, 30)]
    [InlineData("moments ago", 0, 30)]
    [InlineData("a few seconds ago", 0, 30)]
    [InlineData("yesterday", 86_400, 43_200)]
    // Case-insensitive.
    [InlineData("29 MINUTES AGO", 1_740, 30)]
    [InlineData("Just Now", 0, 30)]
    [InlineData("An Hour Ago", 3_600, 1_800)]
    public void ReadsEveryFormOfTheGrammar(string text, long offset, double uncertainty)
    {
        Assert.True(RelativeTime.TryRead(text, out var reading));
        Assert.Equal(new RelativeTimeReading(offset, uncertainty), reading);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ago")]
    [InlineData("29 minutes")]
    [InlineData("minutes ago")]
    [InlineData("29 minutes ago.")]
    [InlineData("29 fortnights ago")]
    [InlineData("two minutes ago")]
    [InlineData("-5 minutes ago")]
    [InlineData("5 minutes from now")]
    [InlineData("Iran signs 4 oilfield development contracts with Russia")]
    [InlineData("a few minutes ago")]
    public void RejectsWhatIsNotARelativeTime(string text) =>
        Assert.False(RelativeTime.TryRead(text, out _));

    [Fact]
    public void AbsurdCountsAreCappedSoDatesStayInRange()
    {
        Assert.True(RelativeTime.TryRead("999999999 years ago", out var reading));
        Assert.Equal(RelativeTime.MaxCount * RelativeTime.Year, reading.OffsetSeconds);
        var captured = new DateTimeOffset(2024, 5, 5, 0, 0, 0, TimeSpan.Zero);
        Assert.InRange(captured.AddSeconds(-reading.OffsetSeconds).Year, 1020, 1030); // no overflow
    }
}
