using IfpFeeds.Captures;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>The SQLite first-seen registry on its own: what a sighting records, what survives a reopening.</summary>
public sealed class FirstSeenRegistryTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2023, 7, 8, 9, 10, 11, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("ifpfeeds-registry-").FullName, "data");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    private SqliteFirstSeenRegistry Open() => new(_folder, new FakeTimeProvider(T), NullLogger<SqliteFirstSeenRegistry>.Instance);

    [Fact]
    public void AFlushAfterDisposeWritesNothingEvenWhenTheFolderIsGone()
    {
        var registry = Open();
        registry.Sight("a", 1, T);
        registry.Flush();
        registry.Dispose();
        Directory.Delete(_folder, recursive: true);

        registry.Flush(); // a stopped service's late pass: it must not bring the deleted folder back with its rows
        Assert.False(Directory.Exists(_folder));
    }

    [Fact]
    public void AFirstSightIsDatedByTheFileTimeInWholeSecondsAndNeverMovesAgain()
    {
        using (var registry = Open())
        {
            Assert.Equal(CaptureDates.At(T), registry.Sight("a", 1, T.AddMilliseconds(700)));
            Assert.Equal(CaptureDates.At(T), registry.Sight("a", 1, T.AddDays(3))); // a touch: the same bytes
            registry.Flush();
        }

        using var reopened = Open();
        Assert.Equal(CaptureDates.At(T), reopened.Sight("a", 1, T.AddYears(2))); // a restart, a copy with new times
        Assert.Equal(T, reopened.Newest);
        Assert.Equal(1, reopened.Status.Captures);
    }

    [Fact]
    public void NewContentIsDatedWhenFirstSeenAndNeverBeforeTheContentItReplaces()
    {
        using var registry = Open();
        registry.Sight("a", 1, T);
        Assert.Equal(new CaptureDates(T, T.AddHours(1)), registry.Sight("a", 2, T.AddHours(1)));

        // An older copy put back (cp -p): new content again, dated after the last change, not at its old file time.
        Assert.Equal(new CaptureDates(T, T.AddHours(1).AddSeconds(1)), registry.Sight("a", 3, T.AddDays(-30)));
        registry.Flush();
        using var reopened = Open();
        Assert.Equal(new CaptureDates(T, T.AddHours(1).AddSeconds(1)), reopened.Sight("a", 3, T));
    }

    [Fact]
    public void AFolderThatCannotBeCreatedIsOneClearError()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_folder)!);
        File.WriteAllText(_folder, "a file where the folder should be");
        var error = Assert.Throws<DataPathUnavailableException>(Open);
        Assert.Contains("Feeds:DataPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("Feeds:DatesFrom=file-time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWriteThatFailsIsKeptInMemoryAndWrittenOnceTheFolderCanBeWrittenAgain()
    {
        using var registry = Open();
        registry.Sight("a", 1, T);
        registry.Flush();
        Directory.Delete(_folder, recursive: true);
        File.WriteAllText(_folder, "in the way"); // the folder cannot come back yet
        registry.Sight("b", 2, T.AddMinutes(1));
        registry.Flush();
        Assert.NotNull(registry.Status.Problem);

        File.Delete(_folder);
        registry.Flush();
        Assert.Null(registry.Status.Problem);
        using var reopened = Open();
        Assert.Equal(2, reopened.Status.Captures);
        Assert.Equal(CaptureDates.At(T.AddMinutes(1)), reopened.Sight("b", 2, T.AddDays(1)));
    }
}
