using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>
/// Dates that stay true across copies, touches, restarts and redeploys (README, "Dates"), through the whole app:
/// captures without date front matter are dated by the first-seen registry under <c>Feeds:DataPath</c>.
/// </summary>
public sealed class DatesTests : IDisposable
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly DateTime FirstWrite = new(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly DateTimeOffset Clock = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every kind of answer whose bytes carry dates: feeds, OPML, pages, the API, the digest.</summary>
    private static readonly string[] DatedUrls =
    [
        "/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json", "/feeds/politics.atom", "/feeds/economy.rss", "/feeds.opml",
        "/", "/sections/politics", "/articles/p1", "/api/articles", "/api/articles/p1", "/api/sections",
        "/recent.json", "/recent", "/feeds/recent.atom",
    ];

    private readonly string _data = Directory.CreateTempSubdirectory("ifpfeeds-dates-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>The app over this test's data folder; on a fixed fake clock unless <paramref name="time"/> is given
    /// (the store's debounce and polls need a clock that moves to see a change).</summary>
    private TestApp App(TimeProvider? time = null, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Feeds:BaseUrl"] = FeedTestSet.BaseUrl, ["Feeds:DataPath"] = _data };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        return new TestApp(all, time ?? new FakeTimeProvider(Clock));
    }

    private static void WriteSet(TestApp app, DateTime lastWrite)
    {
        const string sidebar = "Recent Posts\nA sidebar post\n29 minutes ago\nAnother post\n2 hours ago\n";
        app.Write("p1.txt", CaptureText.Simple("Politics", "Politics one", extra: sidebar), lastWrite);
        app.Write("p2.txt", CaptureText.Simple("Politics", "Politics two", extra: sidebar), lastWrite.AddMinutes(1));
        app.Write("e1.txt", CaptureText.Simple("Economy", "Economy one"), lastWrite.AddMinutes(2));
    }

    private static async Task<Dictionary<string, (string Body, string? ETag, DateTimeOffset? LastModified)>> FetchAllAsync(TestApp app)
    {
        using var client = app.CreateClient();
        var answers = new Dictionary<string, (string, string?, DateTimeOffset?)>();
        foreach (var url in DatedUrls)
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            answers[url] = (await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag, response.Content.Headers.LastModified);
        }

        return answers;
    }

    [Fact]
    public async Task ACopiedAndTouchedCaptureSetKeepsEveryDateBodyAndETagAfterARestart()
    {
        Dictionary<string, (string Body, string? ETag, DateTimeOffset? LastModified)> before;
        using (var first = App())
        {
            WriteSet(first, FirstWrite);
            before = await FetchAllAsync(first);
            Assert.Equal(new DateTimeOffset(FirstWrite), (DateTimeOffset)(await first.GetJsonAsync("/api/articles/p1"))["published"]!);
        }

        // A redeploy: a fresh copy of the captures (new file times, then touched), the data folder kept.
        using var second = App();
        WriteSet(second, new DateTime(2026, 5, 30, 0, 0, 0, DateTimeKind.Utc));
        foreach (var file in Directory.GetFiles(second.Folder))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 5, 31, 1, 2, 3, DateTimeKind.Utc));
        }

        var after = await FetchAllAsync(second);
        foreach (var url in DatedUrls)
        {
            Assert.True(before[url] == after[url], $"{url} changed:\n{before[url]}\n---\n{after[url]}");
        }
    }

    [Fact]
    public async Task AnEditedCaptureMovesOnlyItsUpdatedAndItsFeedsETags()
    {
        using var app = App(TimeProvider.System);
        WriteSet(app, FirstWrite);
        using var client = app.CreateClient();
        async Task<string?> TagOf(string url) => (await client.GetAsync(url)).Headers.ETag?.Tag;
        var economy = await TagOf("/feeds/economy.atom");
        var politics = await TagOf("/feeds/politics.atom");
        var all = await TagOf("/feeds/all.atom");

        var edited = new DateTime(2022, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        app.Write("p1.txt", CaptureText.Simple("Politics", "Politics one, corrected"), edited);
        var p1 = await app.WaitForJsonAsync("/api/articles/p1", a => (string?)a["title"] == "Politics one, corrected");

        Assert.Equal(new DateTimeOffset(FirstWrite), (DateTimeOffset)p1["published"]!);
        Assert.Equal(new DateTimeOffset(edited), (DateTimeOffset)p1["updated"]!);
        var p2 = await app.GetJsonAsync("/api/articles/p2");
        Assert.Equal((DateTimeOffset)p2["published"]!, (DateTimeOffset)p2["updated"]!);
        Assert.Equal(economy, await TagOf("/feeds/economy.atom"));
        Assert.NotEqual(politics, await TagOf("/feeds/politics.atom"));
        Assert.NotEqual(all, await TagOf("/feeds/all.atom"));
    }

    [Fact]
    public async Task ADeletedCaptureAddedBackLaterKeepsItsFirstDate()
    {
        using var app = App(TimeProvider.System);
        WriteSet(app, FirstWrite);
        Assert.Equal(3, (await app.GetJsonAsync("/api/articles")).AsArray().Count); // seen once
        File.Delete(Path.Combine(app.Folder, "e1.txt"));
        await app.WaitForJsonAsync("/api/articles", list => list.AsArray().Count == 2);

        app.Write("e1.txt", CaptureText.Simple("Economy", "Economy one"), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var e1 = await app.WaitForJsonAsync("/api/articles/e1", _ => true);
        Assert.Equal(new DateTimeOffset(FirstWrite.AddMinutes(2)), (DateTimeOffset)e1["published"]!);
        Assert.Equal(new DateTimeOffset(FirstWrite.AddMinutes(2)), (DateTimeOffset)e1["updated"]!);
    }

    [Fact]
    public async Task SixtyCapturesFirstSeenInOneBurstGiveDistinctTimesInAStableOrder()
    {
        string atom;
        using (var app = App())
        {
            for (var i = 0; i < 60; i++)
            {
                app.Write($"burst{i:D2}.txt", CaptureText.Simple("Politics", $"Burst {i}"), FirstWrite);
            }

            atom = await app.CreateClient().GetStringAsync("/feeds/all.atom?limit=100");
            var entries = XDocument.Parse(atom).Root!.Elements(Atom + "entry").ToList();
            Assert.Equal(60, entries.Count);

            // The feed's order is id order within the tie, and times fall strictly along it, within a second of the first sight.
            Assert.Equal(Enumerable.Range(0, 60).Select(i => $"Burst {i}"), entries.Select(e => (string)e.Element(Atom + "title")!));
            foreach (var name in new[] { "updated", "published" })
            {
                var times = entries.Select(e => DateTimeOffset.Parse((string)e.Element(Atom + name)!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(60, times.Distinct().Count());
                Assert.True(times.Zip(times.Skip(1)).All(p => p.First > p.Second), name + " times do not fall along the feed");
                Assert.All(times, t => Assert.InRange(t - new DateTimeOffset(FirstWrite), TimeSpan.Zero, TimeSpan.FromMilliseconds(999)));
            }

            // Whole-second displays show the first sight itself.
            var rss = XDocument.Parse(await app.CreateClient().GetStringAsync("/feeds/all.rss?limit=100"));
            Assert.All(rss.Descendants("pubDate"), d => Assert.Equal("Thu, 04 Mar 2021 05:06:07 +0000", d.Value));
        }

        using var again = App();
        for (var i = 59; i >= 0; i--)
        {
            again.Write($"burst{i:D2}.txt", CaptureText.Simple("Politics", $"Burst {i}"), DateTime.UtcNow);
        }

        Assert.Equal(atom, await again.CreateClient().GetStringAsync("/feeds/all.atom?limit=100")); // the same bytes after a restart
    }

    [Fact]
    public async Task ACaptureDatedInTheFutureAppearsExactlyAtItsInstant()
    {
        var time = new FakeTimeProvider(Clock);
        var due = Clock.AddMinutes(10);
        using var app = App(time);
        app.Write("now.txt", CaptureText.Simple("Politics", "Out now", "published: 2026-05-01T00:00:00Z"));
        app.Write("later.txt", CaptureText.Simple("Politics", "Embargoed", $"published: {due:yyyy-MM-ddTHH:mm:ssZ}"));
        using var client = app.CreateClient();

        async Task<bool> ShownAsync()
        {
            var shown = (await app.GetJsonAsync("/api/articles")).AsArray().Any(a => (string?)a!["id"] == "later");
            var inFeed = (await client.GetStringAsync("/feeds/all.atom")).Contains("Embargoed", StringComparison.Ordinal);
            var page = (await client.GetAsync("/articles/later")).StatusCode == HttpStatusCode.OK;
            Assert.True(shown == inFeed && inFeed == page, $"API {shown}, feed {inFeed}, page {page} disagree");
            return shown;
        }

        Assert.False(await ShownAsync());
        var health = await app.GetJsonAsync("/healthz");
        Assert.Equal(1, (int)health["scheduled"]!);
        Assert.Equal(due, (DateTimeOffset)health["nextScheduledAt"]!);

        // No HTTP cache may keep the feed past the instant the post appears.
        using (var response = await client.GetAsync("/feeds/politics.rss"))
        {
            Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl!.MaxAge); // 10 minutes away: the usual 300 s
        }

        time.Advance(TimeSpan.FromMinutes(9));
        using (var response = await client.GetAsync("/feeds/politics.rss"))
        {
            Assert.Equal(TimeSpan.FromMinutes(1), response.Headers.CacheControl!.MaxAge);
        }

        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(200); // the store's timer is due at the instant only: nothing may happen a second early
        Assert.False(await ShownAsync());

        time.Advance(TimeSpan.FromSeconds(1));
        await app.WaitForJsonAsync("/api/articles", list => list.AsArray().Any(a => (string?)a!["id"] == "later"));
        Assert.True(await ShownAsync());
        Assert.Equal(0, (int)(await app.GetJsonAsync("/healthz"))["scheduled"]!);
    }

    [Fact]
    public async Task AnEmptyFolderGivesNo1970Anywhere()
    {
        using var app = App();
        using var client = app.CreateClient();
        foreach (var url in new[] { "/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json", "/feeds.opml", "/feeds/recent.rss", "/feeds/recent.atom",
                     "/feeds/recent.json", "/recent.json", "/recent", "/", "/api/articles", "/api/sections", "/site.css", "/recent.js" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var everything = response.Headers + "\n" + response.Content.Headers + "\n" + await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("1970", everything, StringComparison.Ordinal);
            Assert.DoesNotContain("0001-01-01", everything, StringComparison.Ordinal);
            if (url is "/site.css" or "/recent.js")
            {
                Assert.Null(response.Content.Headers.LastModified); // nothing dates a static asset: the ETag validates it
            }
        }
    }

    [Fact]
    public async Task ALostDataFolderIsRebuiltAndNeverFailsTheService()
    {
        using (var first = App(TimeProvider.System))
        {
            WriteSet(first, FirstWrite);
            await first.GetJsonAsync("/api/articles");
            Assert.True(File.Exists(Path.Combine(_data, SqliteFirstSeenRegistry.FileName)));

            // Lost while running: the next change writes every date back from memory.
            Directory.Delete(_data, recursive: true);
            first.Write("e2.txt", CaptureText.Simple("Economy", "Economy two"), FirstWrite.AddHours(1));
            await first.WaitForJsonAsync("/api/articles", list => list.AsArray().Count == 4);
            await WaitForRowsAsync(4);
            Assert.Equal("healthy", (string?)(await first.GetJsonAsync("/healthz"))["status"]);
        }

        // Lost while stopped: a new registry from today's file times, then stable again.
        Directory.Delete(_data, recursive: true);
        using var second = App();
        WriteSet(second, FirstWrite.AddYears(1));
        var p1 = await second.GetJsonAsync("/api/articles/p1");
        var state = (await second.GetJsonAsync("/healthz")).ToJsonString() + " files:" + string.Join(",", Directory.GetFiles(second.Folder).Select(f => Path.GetFileName(f) + "@" + File.GetLastWriteTimeUtc(f).ToString("o"))) + " p1:" + p1.ToJsonString();
        Assert.True(new DateTimeOffset(FirstWrite.AddYears(1)) == (DateTimeOffset)p1["published"]!, state); // seen failing once in a full run (2021: the first app's row): the state says why, next time
        await WaitForRowsAsync(3);
        var health = await second.GetJsonAsync("/healthz");
        Assert.Equal("first-seen", (string?)health["dates"]!["from"]);
        Assert.Equal(3, (int)health["dates"]!["captures"]!);
    }

    [Fact]
    public async Task ARegistryThatIsNotADatabaseIsMovedAsideAndRebuilt()
    {
        Directory.CreateDirectory(_data);
        await File.WriteAllTextAsync(Path.Combine(_data, SqliteFirstSeenRegistry.FileName), "this is not an SQLite database, but a file someone wrote here");
        await AssertMovedAsideAndRebuiltAsync();
    }

    [Fact]
    public async Task ARegistryOfAnotherLayoutIsMovedAsideAndRebuilt()
    {
        Directory.CreateDirectory(_data);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data, SqliteFirstSeenRegistry.FileName)};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE captures (id TEXT PRIMARY KEY, first_seen INTEGER, content_hash TEXT)";
            command.ExecuteNonQuery();
        }

        await AssertMovedAsideAndRebuiltAsync();
    }

    /// <summary>The app starts over the unreadable registry, dates by file times, keeps the old file aside and writes a new one.</summary>
    private async Task AssertMovedAsideAndRebuiltAsync()
    {
        using var app = App();
        WriteSet(app, FirstWrite);
        Assert.Equal(new DateTimeOffset(FirstWrite), (DateTimeOffset)(await app.GetJsonAsync("/api/articles/p1"))["published"]!);
        Assert.Single(Directory.GetFiles(_data, SqliteFirstSeenRegistry.FileName + ".unreadable-*"));
        await WaitForRowsAsync(3);
    }

    [Fact]
    public async Task WithDatesFromFileTimeATouchMovesTheDateAndNoRegistryIsWritten()
    {
        var settings = new Dictionary<string, string?> { ["Feeds:DatesFrom"] = "file-time" };
        using (var first = App(settings: settings))
        {
            WriteSet(first, FirstWrite);
            Assert.Equal(new DateTimeOffset(FirstWrite), (DateTimeOffset)(await first.GetJsonAsync("/api/articles/p1"))["published"]!);
        }

        using var second = App(settings: settings);
        WriteSet(second, FirstWrite.AddDays(1));
        Assert.Equal(new DateTimeOffset(FirstWrite.AddDays(1)), (DateTimeOffset)(await second.GetJsonAsync("/api/articles/p1"))["published"]!);
        Assert.Equal("file-time", (string?)(await second.GetJsonAsync("/healthz"))["dates"]!["from"]);
        Assert.Empty(Directory.GetFiles(_data));
    }

    /// <summary>Waits (at most 15 s) until the registry holds <paramref name="rows"/> rows: the store writes them just after a snapshot.</summary>
    private async Task WaitForRowsAsync(int rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var count = -1;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((count = CountRows()) == rows)
                {
                    return;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // not written yet
            }

            await Task.Delay(20);
        }

        Assert.Fail($"the registry holds {count} rows, not {rows}");
    }

    private int CountRows()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_data, SqliteFirstSeenRegistry.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM captures";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
