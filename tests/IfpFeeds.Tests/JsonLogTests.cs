using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace IfpFeeds.Tests;

/// <summary>Logs as an operator ships them: one JSON object a line, with the request's trace and span ids (a real process).</summary>
public sealed class JsonLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [UnixFact]
    public async Task TheJsonFormatterWritesOneObjectALineWithTraceAndSpanIds()
    {
        var port = ServiceProcess.FreePort();
        using var service = ServiceProcess.Start(["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout };
        await ServiceProcess.WaitUntilUpAsync(client);
        using (await client.GetAsync("/feeds/all.rss"))
        {
        }

        using (var kill = Process.Start("kill", ["-TERM", service.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        var (exitCode, output, _) = await service.WaitForExitAsync(Timeout);
        Assert.Equal(0, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList(); // every line is one JSON object
        var request = entries.First(e => e.GetProperty("Message").GetString()!.StartsWith("Request starting", StringComparison.Ordinal)
            && e.GetProperty("Message").GetString()!.Contains("/feeds/all.rss", StringComparison.Ordinal));
        var scope = request.GetProperty("Scopes").EnumerateArray().First(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _));
        Assert.Matches("^[0-9a-f]{32}$", scope.GetProperty("TraceId").GetString()!);
        Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString()!);
        Assert.Contains(entries, e => e.GetProperty("Category").GetString() == "IfpFeeds.Store.ArticleStore"); // the service's own events too
    }
}
