using IfpFeeds.Store;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>
/// The store's per-file rules (settle, retry, last good, removal grace) on an in-memory source and a fake
/// clock: every wait is a clock step, no test sleeps.
/// </summary>
public sealed class CaptureTrackerTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeCaptureSource _source = new();
    private readonly CaptureTracker _tracker;

    public CaptureTrackerTests() => _tracker = new CaptureTracker(_source, new FileTimeRegistry(), Settle, maxCaptureBytes: 10_000, _time, NullLogger.Instance);

    private DateTimeOffset Now => _time.GetUtcNow();

    private List<string> Titles() => [.. _tracker.Contents().Articles.Select(a => a.Title).Order(StringComparer.Ordinal)];

    private static string Capture(string title) => CaptureText.Simple(title: title);

    [Fact]
    public void TheFirstLoadReadsEveryFileAtOnceEvenOneJustWritten()
    {
        _source.Write("a.txt", Capture("A"), Now);
        Assert.True(_tracker.Refresh(_source.ListNames(), honourSettle: false));
        Assert.Equal(["A"], Titles());
    }

    [Fact]
    public void AFileWrittenMomentsAgoIsReadOnceItHasSettled()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromMilliseconds(100));
        Assert.False(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Empty(Titles());
        Assert.Equal(Now + TimeSpan.FromMilliseconds(150), _tracker.NextDue());

        _time.Advance(TimeSpan.FromMilliseconds(149));
        var due = new HashSet<string>();
        _tracker.AddDue(due);
        Assert.Empty(due);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _tracker.AddDue(due);
        Assert.Equal(["a.txt"], due);
        Assert.True(_tracker.Refresh(due, honourSettle: true));
        Assert.Equal(["A"], Titles());
        Assert.Null(_tracker.NextDue());
    }

    [Fact]
    public void AFileChangedWhileBeingReadIsReadAgainLater()
    {
        _source.Write("a.txt", Capture("Half"), Now - TimeSpan.FromSeconds(1));
        _source.DuringRead = name => _source.Write(name, Capture("Whole"), Now);
        Assert.False(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Empty(Titles()); // the bytes read belong to no settled version: nothing served
        Assert.Equal(Now + Settle, _tracker.NextDue());

        _source.DuringRead = null;
        _time.Advance(Settle);
        var due = new HashSet<string>();
        _tracker.AddDue(due);
        Assert.True(_tracker.Refresh(due, honourSettle: true));
        Assert.Equal(["Whole"], Titles());
    }

    [Fact]
    public void AnUnchangedFileIsNotReadAgainAndKeepsItsArticle()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromSeconds(5));
        _tracker.Refresh(["a.txt"], honourSettle: false);
        var before = _tracker.Contents().Articles.Single();

        Assert.False(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Equal(1, _source.Reads["a.txt"]);
        Assert.Same(before, _tracker.Contents().Articles.Single());
    }

    [Fact]
    public void ACaptureThatTurnsBadKeepsItsLastGoodVersionAndSaysSo()
    {
        _source.Write("a.txt", Capture("Good"), Now - TimeSpan.FromSeconds(5));
        _tracker.Refresh(["a.txt"], honourSettle: false);

        _source.Write("a.txt", "Politics\n", Now - TimeSpan.FromSeconds(1));
        Assert.True(_tracker.Refresh(["a.txt"], honourSettle: true));
        var (articles, rejected) = _tracker.Contents();
        Assert.Equal("Good", Assert.Single(articles).Title);
        var rejection = Assert.Single(rejected);
        Assert.Equal("a.txt", rejection.FileName);
        Assert.EndsWith("; the last good version is still served", rejection.Reason, StringComparison.Ordinal);

        _source.Write("a.txt", Capture("Fixed"), Now);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Equal(["Fixed"], Titles());
        Assert.Empty(_tracker.Contents().Rejected);
    }

    [Fact]
    public void ADeletedCaptureLeavesOnlyOnceDeletionsHaveBeenQuietAndTheSourceIsStillThere()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromSeconds(5));
        _source.Write("b.txt", Capture("B"), Now - TimeSpan.FromSeconds(5));
        _tracker.Refresh(["a.txt", "b.txt"], honourSettle: false);

        _source.Delete("a.txt");
        Assert.False(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Equal(Now + PendingRemovals.Grace, _tracker.NextDue());
        _time.Advance(PendingRemovals.Grace - TimeSpan.FromMilliseconds(1));
        Assert.False(_tracker.ApplyPendingRemovals());
        Assert.Equal(["A", "B"], Titles());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_tracker.ApplyPendingRemovals());
        Assert.Equal(["B"], Titles());
    }

    [Fact]
    public void DeletionsFollowedByTheSourceVanishingKeepTheLastGoodArticles()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromSeconds(5));
        _tracker.Refresh(["a.txt"], honourSettle: false);

        _source.Delete("a.txt"); // the folder being deleted: its files go first...
        _tracker.Refresh(["a.txt"], honourSettle: true);
        _source.IsAvailable = false; // ...then the folder itself
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(_tracker.ApplyPendingRemovals());
        Assert.Equal(["A"], Titles());
    }

    [Fact]
    public void AnIoErrorIsRetriedTwentyTimesBeforeItIsReported()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromSeconds(5));
        _source.FailReads("a.txt", [.. Enumerable.Range(0, 21).Select(_ => new IOException("the disk is busy"))]);
        var due = new HashSet<string> { "a.txt" };
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            Assert.False(_tracker.Refresh(due, honourSettle: true));
            Assert.Equal(Now + TimeSpan.FromMilliseconds(250), _tracker.NextDue());
            _time.Advance(TimeSpan.FromMilliseconds(250));
            due.Clear();
            _tracker.AddDue(due);
            Assert.Equal(["a.txt"], due);
        }

        Assert.True(_tracker.Refresh(due, honourSettle: true));
        var rejection = Assert.Single(_tracker.Contents().Rejected);
        Assert.Equal("could not be read: the disk is busy", rejection.Reason);
        Assert.Equal(21, _source.Reads["a.txt"]);
    }

    [Fact]
    public void AnUnreadableCaptureIsReportedAtOnceAndTriedAgainOnTheNextLook()
    {
        _source.Write("a.txt", Capture("A"), Now - TimeSpan.FromSeconds(5));
        _source.FailReads("a.txt", new UnauthorizedAccessException());
        Assert.True(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Contains("permission denied", Assert.Single(_tracker.Contents().Rejected).Reason);

        // Same length and write time, but the permissions were fixed: it is read again, not skipped.
        Assert.True(_tracker.Refresh(["a.txt"], honourSettle: true));
        Assert.Equal(["A"], Titles());
        Assert.Empty(_tracker.Contents().Rejected);
    }

    [Fact]
    public void ACaptureOverTheLimitIsRejectedUnread()
    {
        _source.Write("big.txt", Capture(new string('x', 20_000)), Now - TimeSpan.FromSeconds(5));
        Assert.True(_tracker.Refresh(["big.txt"], honourSettle: true));
        Assert.Contains("over Feeds:MaxCaptureBytes", Assert.Single(_tracker.Contents().Rejected).Reason);
        Assert.False(_source.Reads.ContainsKey("big.txt"));
    }
}
