using System.Net;
using System.Net.Sockets;

namespace IfpFeeds.Tests;

/// <summary>
/// Starting the service as a process. A start that cannot succeed because of something a person did (a bad
/// option or value, a broken settings file, an address in use) ends with one line naming the key or the
/// address, and exit code 1: no stack trace, no "Unhandled exception". A start that succeeds needs nothing
/// outside its own folders (no Data Protection key ring in the home folder).
/// </summary>
public sealed class StartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string, string> BadSettings() => new()
    {
        { "Feeds__RateLimit__WindowSeconds", "0", "Feeds:RateLimit:WindowSeconds" },
        { "Feeds__MaxCaptureBytes", "abc", "Feeds:MaxCaptureBytes" },
        { "Feeds__BaseUrl", "ftp://example.com/", "Feeds:BaseUrl" },
        { "Feeds__DatesFrom", "mtime", "Feeds:DatesFrom" },
        { "ConnectionStrings__Redis", ",password=not-shown", "ConnectionStrings:Redis" },
        { "ConnectionStrings__Redis", "127.0.0.1:6379,abortConnect=perhaps", "ConnectionStrings:Redis" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadSettingStopsTheStartWithOneLineNamingIt(string variable, string value, string key)
    {
        using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"], new Dictionary<string, string> { [variable] = value });
        var (exitCode, output, error) = await service.WaitForExitAsync(Timeout);
        AssertOneLine(exitCode, output, error, key);
    }

    [Fact]
    public async Task ADataPathThatCannotBeWrittenStopsTheStartWithOneLineNamingItUnlessDatesComeFromFileTimes()
    {
        var blocker = Path.GetTempFileName(); // a file where the data folder's parent should be
        try
        {
            var environment = new Dictionary<string, string> { ["Feeds__DataPath"] = Path.Combine(blocker, "data") };
            using (var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"], environment))
            {
                var (exitCode, output, error) = await service.WaitForExitAsync(Timeout);
                AssertOneLine(exitCode, output, error, "Feeds:DataPath");
                Assert.Contains("Feeds:DatesFrom=file-time", error, StringComparison.Ordinal);
            }

            // A read-only deployment by design: dates from file times, no data folder needed.
            environment["Feeds__DatesFrom"] = "file-time";
            var port = ServiceProcess.FreePort();
            using var readOnly = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"], environment);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout };
            await ServiceProcess.WaitUntilUpAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/all.rss")).StatusCode);
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public async Task AnAddressInUseStopsTheStartWithOneLineNamingIt()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        using var service = ServiceProcess.Start(["--urls", address]);
        var (exitCode, output, error) = await service.WaitForExitAsync(Timeout);
        AssertOneLine(exitCode, output, error, address);
    }

    [Fact]
    public async Task ABrokenSettingsFileStopsTheStartWithOneLineNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("ifpfeeds-settings-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "appsettings.json"), "{ \"Feeds\": { \"SiteTitle\": ");
            using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}", "--contentRoot", folder], workingDirectory: folder);
            var (exitCode, output, error) = await service.WaitForExitAsync(Timeout);
            AssertOneLine(exitCode, output, error, "appsettings.json");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertOneLine(int exitCode, string output, string error, string named)
    {
        var all = output + error;
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("IfpFeeds: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", all, StringComparison.Ordinal); // no stack trace anywhere
        Assert.DoesNotContain("fail:", output, StringComparison.Ordinal); // and no logged failure repeating it
    }

    [Fact]
    public async Task AStartWritesNoKeyRingAndWarnsOfNone()
    {
        var home = Directory.CreateTempSubdirectory("ifpfeeds-home-").FullName;
        var articles = Directory.CreateTempSubdirectory("ifpfeeds-articles-").FullName;
        try
        {
            FeedTestSet.Fill(articles);
            var port = ServiceProcess.FreePort();
            using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"],
                new Dictionary<string, string> { ["HOME"] = home, ["Feeds__ArticlesPath"] = articles });
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout };
            await ServiceProcess.WaitUntilUpAsync(client);
            foreach (var url in new[] { "/", "/sections/economy", "/articles/010_e3b1c2a4d5f60718", "/recent", "/sections/nope" })
            {
                using var response = await client.GetAsync(url); // every kind of page, the 404 page included
                Assert.Equal(url == "/sections/nope" ? HttpStatusCode.NotFound : HttpStatusCode.OK, response.StatusCode);
            }

            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            var (exitCode, output, _) = await service.WaitForExitAsync(Timeout);
            Assert.Equal(0, exitCode);
            Assert.DoesNotContain("DataProtection", output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(home, "*", SearchOption.AllDirectories));
        }
        finally
        {
            Directory.Delete(home, recursive: true);
            Directory.Delete(articles, recursive: true);
        }
    }

    [Fact]
    public async Task AStopDuringTheFirstLoadEndsTheStartCleanly()
    {
        var articles = Directory.CreateTempSubdirectory("ifpfeeds-articles-").FullName;
        var data = Directory.CreateTempSubdirectory("ifpfeeds-data-").FullName;
        try
        {
            for (var i = 0; i < 10_000; i++) // enough that the first load is still running when the stop lands
            {
                File.WriteAllText(Path.Combine(articles, $"{i:D5}_stop.txt"), $"News\nTitle {i}\nThe paragraph of capture {i}.\n");
            }

            using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{ServiceProcess.FreePort()}"],
                new Dictionary<string, string> { ["Feeds__ArticlesPath"] = articles, ["Feeds__DataPath"] = data });

            // The first load has begun once the process holds a file of the folder open (nothing opens one before it, and
            // the host handles SIGTERM by then); 10,000 captures take a few hundred milliseconds more to load.
            var deadline = DateTime.UtcNow + Timeout;
            while (!HoldsOpen(service.Id, articles) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(1);
            }

            using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            var (exitCode, output, error) = await service.WaitForExitAsync(Timeout);
            var all = output + error;
            Assert.Equal(0, exitCode);
            Assert.Contains("IfpFeeds: stopped before the start completed", error, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", all, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", all, StringComparison.Ordinal);
            Assert.DoesNotContain("Loaded 10000 articles", all, StringComparison.Ordinal); // the load itself was cut short
        }
        finally
        {
            Directory.Delete(articles, recursive: true);
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Whether process <paramref name="pid"/> has a file descriptor open on <paramref name="folder"/> or a file in it (Linux).</summary>
    private static bool HoldsOpen(int pid, string folder)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith(folder, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    // closed while we looked
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }
}
