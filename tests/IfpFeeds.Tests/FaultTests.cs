using System.Diagnostics;
using System.Net;

namespace IfpFeeds.Tests;

/// <summary>Faults of a real deployment: floods of files, and a SIGTERM under load.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task AThousandCapturesCreatedAtOnceAreAllServed()
    {
        using var app = new TestApp();
        app.Write("first.txt", CaptureText.Simple());
        await app.GetJsonAsync("/healthz");

        // Written elsewhere and moved in, as fast as the file system allows.
        var staging = Path.Combine(app.Root, "staging");
        Directory.CreateDirectory(staging);
        for (var i = 0; i < 1_000; i++)
        {
            File.WriteAllText(Path.Combine(staging, $"bulk{i:D4}.txt"), CaptureText.Simple(section: $"Section {i % 7}", title: $"Bulk {i}"));
        }

        foreach (var file in Directory.GetFiles(staging))
        {
            File.Move(file, Path.Combine(app.Folder, Path.GetFileName(file)));
        }

        var health = await app.WaitForJsonAsync("/healthz", h => (int)h["articles"]! == 1_001);
        Assert.Empty(health["rejected"]!.AsArray());
        Assert.Equal(8, (int)health["sections"]!);
        Assert.Equal("Bulk 999", (string?)(await app.GetJsonAsync("/api/articles/bulk0999"))["title"]);
    }

    [UnixFact]
    public async Task SigtermDuringLoadFinishesInFlightRequestsAndExitsZero()
    {
        var folder = Directory.CreateTempSubdirectory("ifpfeeds-sigterm-").FullName;
        try
        {
            FeedTestSet.Fill(folder);
            var port = ServiceProcess.FreePort();
            using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string> { ["Feeds__ArticlesPath"] = folder });
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
            await ServiceProcess.WaitUntilUpAsync(client);

            // Load: bounded, loopback only. SIGTERM lands while requests are in flight.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var failures = 0;
            var lost = new System.Collections.Concurrent.ConcurrentBag<string>();
            var completed = 0;
            var workers = Enumerable.Range(0, 8).Select(async _ =>
            {
                for (var i = 0; i < 2_000 && !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        using var response = await client.GetAsync(i % 2 == 0 ? "/feeds/all.rss" : "/api/articles");
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            Interlocked.Increment(ref failures);
                        }

                        await response.Content.ReadAsByteArrayAsync();
                        Interlocked.Increment(ref completed);
                    }
                    catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
                    {
                        return; // the server has stopped listening: new connections are refused, as they should be
                    }
                    catch (HttpRequestException ex)
                    {
                        // A request the server accepted and then dropped: exactly what must not happen.
                        Interlocked.Increment(ref failures);
                        lost.Add(ex.HttpRequestError + ": " + ex.Message);
                        return;
                    }
                }
            }).ToArray();

            await Task.Delay(300);
            using (var kill = Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            await Task.WhenAll(workers);
            var (exitCode, output, _) = await service.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, exitCode);
            Assert.True(failures == 0, string.Join("; ", lost)); // every request the server took got a whole 200
            Assert.True(completed > 0);
            Assert.Contains("Application is shutting down", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
