using CsCheck;
using IfpFeeds.Digest;
using Jint;

namespace IfpFeeds.Tests;

/// <summary>
/// The writing rules of relative times (ARTICLE-FORMAT.md, "Relative times"), one table run against both
/// the server's <see cref="RelativeTimeFormatter"/> and the page's recent.js (in Jint).
/// </summary>
public sealed class RelativeLabelTests
{
    private const double M = 60, H = 3_600, D = 86_400;

    /// <summary>Elapsed seconds, style, label: the boundary table and more.</summary>
    public static TheoryData<double, string, string> Table() => new()
    {
        { -5, "long", "just now" },
        { 0, "long", "just now" },
        { 0.4, "long", "1 second ago" },
        { 1, "long", "1 second ago" },
        { 1, "short", "1 sec ago" },
        { 2, "short", "2 secs ago" },
        { 59, "long", "59 seconds ago" },
        { 59.4, "long", "59 seconds ago" },
        { 59.5, "long", "1 minute ago" },
        { 60, "long", "1 minute ago" },
        { 89, "long", "1 minute ago" },
        { 89, "short", "1 min ago" },
        { 90, "long", "2 minutes ago" },
        { 90, "short", "2 mins ago" },
        { 29 * M, "long", "29 minutes ago" },
        { 59.4 * M, "long", "59 minutes ago" },
        { 59.5 * M, "long", "1 hour ago" },
        { 59.5 * M, "short", "1 hour ago" },
        { 89 * M, "long", "1 hour ago" },
        { 90 * M, "long", "2 hours ago" },
        { 90 * M, "short", "2 hours ago" },
        { 23.4 * H, "long", "23 hours ago" },
        { 23.5 * H, "long", "1 day ago" },
        { 1.5 * D, "long", "2 days ago" },
        { 6.4 * D, "long", "6 days ago" },
        { 6.5 * D, "long", "1 week ago" },
        { 6.5 * D, "short", "1 week ago" },
        { 10.4 * D, "long", "1 week ago" },
        { 10.5 * D, "long", "2 weeks ago" },
        { 29.9 * D, "long", "4 weeks ago" },
        { 30 * D, "long", "1 month ago" },
        { 44.9 * D, "long", "1 month ago" },
        { 45 * D, "long", "2 months ago" },
        { 364.9 * D, "long", "12 months ago" },
        { 365 * D, "long", "1 year ago" },
        { 365 * D, "short", "1 year ago" },
        { 547.5 * D, "long", "2 years ago" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ServerWritesTheSitesLabels(double elapsed, string style, string label) =>
        Assert.Equal(label, RelativeTimeFormatter.Format(elapsed, style == "short" ? LabelStyle.Short : LabelStyle.Long));

    [Theory]
    [MemberData(nameof(Table))]
    public void ScriptWritesTheSameLabels(double elapsed, string style, string label) =>
        Assert.Equal(label, Script.Value!.Invoke("ifpRelativeLabel", elapsed, style).AsString());

    [Fact]
    public void ScriptAndServerAgreeEverywhere()
    {
        Gen.Select(Gen.Double[-10, 3 * 365 * D], Gen.Bool).Sample((d, isShort) =>
        {
            var style = isShort ? "short" : "long";
            Assert.Equal(RelativeTimeFormatter.Format(d, isShort ? LabelStyle.Short : LabelStyle.Long),
                Script.Value!.Invoke("ifpRelativeLabel", d, style).AsString());
        }, iter: 10_000);
    }

    [Fact]
    public void NextChangeIsExactlyWhereTheLabelChanges()
    {
        Gen.Double[-10, 3 * 365 * D].Sample(d =>
        {
            var label = RelativeTimeFormatter.Format(d);
            var next = RelativeTimeFormatter.NextChange(d);
            Assert.True(next > d);
            Assert.NotEqual(label, RelativeTimeFormatter.Format(next));
            Assert.Equal(label, RelativeTimeFormatter.Format(Math.Max(d, next - Math.Max(1e-6, Math.Abs(next) * 1e-12))));
            Assert.Equal(label, RelativeTimeFormatter.Format(d + (next - d) / 2));
        }, iter: 10_000);
    }

    [Theory]
    [InlineData(0, 1e-300)] // "just now" becomes "1 second ago" at once
    [InlineData(10, 10.5)]
    [InlineData(59, 59.5)]
    [InlineData(60, 90)] // 59.5 s..89.x s is "1 minute"
    [InlineData(3_500, 3_510)] // 58 minutes until 58.5 min
    [InlineData(3_570, 5_400)] // "1 hour" from 59.5 min to 1.5 h
    public void NextChangeTable(double elapsed, double expected)
    {
        var next = RelativeTimeFormatter.NextChange(elapsed);
        if (elapsed == 0)
        {
            Assert.True(next > 0 && next < 1e-9);
        }
        else
        {
            Assert.Equal(expected, next, 6);
        }
    }

    /// <summary>
    /// recent.js as the service serves it, loaded into a Jint engine per thread (an engine is not
    /// thread-safe, and CsCheck samples on several threads).
    /// </summary>
    private static readonly ThreadLocal<Engine> Script = new(() =>
    {
        var engine = new Engine();
        engine.Execute(System.Text.Encoding.UTF8.GetString(DigestEndpoints.ReadScript()));
        return engine;
    });
}
