using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IfpFeeds.Captures;
using IfpFeeds.Publishing;
using IfpFeeds.Store;
using Xunit.Abstractions;

namespace IfpFeeds.Tests;

/// <summary>
/// The publishing API on the real process and real file systems: killed in the middle of a write, on a disk that is
/// full, on a folder that turned read-only. The stored capture is the old one or the new one, whole, every time.
/// </summary>
public sealed class PublishingFaultTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> KeyEnvironment = new()
    {
        [$"Feeds__Publishing__Keys__{Publishing.KeyName}"] = PublishingKeys.HashOf(Publishing.Key),
        ["Feeds__Publishing__WritesPerMinute"] = "0",
        ["Feeds__MaxCaptureBytes"] = "33554432", // large captures: a write long enough to be killed in
    };

    [UnixFact]
    public async Task AProcessKilledMidWriteLeavesTheOldCaptureOrTheNewNeverAPartOfOne()
    {
        const int Rounds = 5;
        var root = Directory.CreateTempSubdirectory("ifpfeeds-kill-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(root, "articles")).FullName;
        var path = Path.Combine(folder, "big.txt");
        try
        {
            var versions = Enumerable.Range(0, Rounds + 1)
                .Select(v => Encoding.UTF8.GetBytes(CaptureText.Simple(title: $"version {v}", extra: new string((char)('a' + v), 16_000_000))))
                .ToArray();
            await File.WriteAllBytesAsync(path, versions[0]);
            var midWrite = 0;
            for (var round = 1; round <= Rounds; round++)
            {
                var port = ServiceProcess.FreePort();
                using var service = Start(port, folder);
                using var client = ClientOf(port);
                await ServiceProcess.WaitUntilUpAsync(client);
                var before = await File.ReadAllBytesAsync(path);

                // Kill the process the moment it begins to write any file in the folder (its temporary file, or the capture
                // itself were it written in place): between the first byte written and the rename.
                using var watcher = new FileSystemWatcher(folder) { EnableRaisingEvents = true };
                var killed = new TaskCompletionSource();
                var fired = 0;
                void Kill(object sender, FileSystemEventArgs e)
                {
                    if (Interlocked.Exchange(ref fired, 1) == 0)
                    {
                        service.Kill(); // and only then is the file looked at
                        killed.SetResult();
                    }
                }

                watcher.Created += Kill;
                watcher.Changed += Kill;
                var put = client.SendAsync(Publishing.Request(HttpMethod.Put, "big", versions[round]));
                await Task.WhenAny(killed.Task, Task.Delay(TimeSpan.FromSeconds(30)));
                Assert.True(killed.Task.IsCompleted, "the write never began");
                await Assert.ThrowsAnyAsync<Exception>(() => put); // no answer from a killed process

                var after = await File.ReadAllBytesAsync(path);
                Assert.True(after.AsSpan().SequenceEqual(before) || after.AsSpan().SequenceEqual(versions[round]),
                    $"round {round}: the capture is {after.Length} bytes, neither the old one nor the new one");
                midWrite += Directory.GetFiles(folder, "*" + FolderCaptureWriter.TemporarySuffix, SearchOption.TopDirectoryOnly)
                    .Concat(Directory.GetFiles(folder, ".*")).Distinct().Any() ? 1 : 0;
                foreach (var leftover in Directory.GetFiles(folder, ".*"))
                {
                    File.Delete(leftover);
                }
            }

            output.WriteLine($"{midWrite} of {Rounds} kills landed before the rename (a temporary file was left)");
            Assert.True(midWrite > 0, "no kill landed mid-write; the test proved nothing");

            // And the service, started again, serves the capture that survived.
            var last = ServiceProcess.FreePort();
            using var again = Start(last, folder);
            using var check = ClientOf(last);
            await ServiceProcess.WaitUntilUpAsync(check);
            var title = CaptureParser.Parse("big.txt", await File.ReadAllBytesAsync(path), DateTimeOffset.UnixEpoch).Article!.Title;
            Assert.Contains(title, await check.GetStringAsync("/api/articles/big"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [UnixFact]
    public async Task AFullDiskIs507AndAReadOnlyFolderIs503AndTheOldCaptureStays()
    {
        // The captures folder is a 512 KiB tmpfs in a mount namespace of the service's own (root, or user namespaces).
        var root = Directory.CreateTempSubdirectory("ifpfeeds-full-").FullName;
        var folder = Directory.CreateDirectory(Path.Combine(root, "articles")).FullName;
        try
        {
            var port = ServiceProcess.FreePort();
            using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"],
                new Dictionary<string, string>(KeyEnvironment) { ["Feeds__ArticlesPath"] = folder },
                launcher: ["unshare", "-m", "--propagation", "private", "sh", "-c", $"mount -t tmpfs -o size=512k tmpfs '{folder}' && exec \"$0\" \"$@\""]);
            using var client = ClientOf(port);
            await ServiceProcess.WaitUntilUpAsync(client);

            var old = CaptureText.Simple(title: "The old one");
            using var created = await client.SendAsync(Publishing.Request(HttpMethod.Put, "cap", old));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            using var full = await client.SendAsync(Publishing.Request(HttpMethod.Put, "cap", CaptureText.Simple(title: "Too big", extra: new string('x', 600_000))));
            Assert.True(full.StatusCode == HttpStatusCode.InsufficientStorage, await full.Content.ReadAsStringAsync());
            await AssertOldCaptureAsync(client, old);

            var remount = System.Diagnostics.Process.Start("nsenter", ["-t", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-m",
                "mount", "-o", "remount,ro", folder])!;
            await remount.WaitForExitAsync();
            Assert.Equal(0, remount.ExitCode);
            using var readOnly = await client.SendAsync(Publishing.Request(HttpMethod.Put, "cap", CaptureText.Simple(title: "The new one")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readOnly.StatusCode);
            using var delete = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "cap"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, delete.StatusCode);
            await AssertOldCaptureAsync(client, old);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AssertOldCaptureAsync(HttpClient client, string old)
    {
        using var stored = await client.SendAsync(Publishing.Request(HttpMethod.Get, "cap"));
        Assert.Equal(old, await stored.Content.ReadAsStringAsync());
        Assert.Contains("The old one", await client.GetStringAsync("/feeds/all.atom"));
    }

    private static ServiceProcess Start(int port, string folder) =>
        ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>(KeyEnvironment) { ["Feeds__ArticlesPath"] = folder });

    private static HttpClient ClientOf(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
}
