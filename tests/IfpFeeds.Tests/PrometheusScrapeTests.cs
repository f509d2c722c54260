using System.Net;

namespace IfpFeeds.Tests;

/// <summary>
/// OpenTelemetry's meter provider listens to every meter named <c>IfpFeeds</c> in the process, so an app's scrape would
/// count the renders of other apps' tests running beside it: these tests run alone (seen once in a full run: more than
/// the one render asserted).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetersCollection
{
    public const string Name = "Process-wide meters";
}

/// <summary>The Prometheus endpoint through the whole app.</summary>
[Collection(ProcessWideMetersCollection.Name)]
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task PrometheusScrapesFindTheSeriesAndNoUrl()
    {
        using var app = FeedTestSet.Create(new() { ["Feeds:Metrics:Prometheus"] = "true" });
        using var client = app.CreateClient();
        await client.GetStringAsync("/feeds/economy.rss");
        await client.GetStringAsync("/feeds/economy.rss");
        await client.GetStringAsync("/feeds/tag/economy.atom");
        await client.GetStringAsync("/feeds/search.json?q=secret-query");
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var ours = string.Join("\n", text.Split('\n').Where(l => l.StartsWith("ifpfeeds_renders_total", StringComparison.Ordinal)
            || l.StartsWith("ifpfeeds_snapshot_publishes", StringComparison.Ordinal) || l.StartsWith("ifpfeeds_cache_lookups", StringComparison.Ordinal)));
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, "(?m)^ifpfeeds_renders_total\\{[^}]*format=\"rss\"[^}]*kind=\"feed\"[^}]*\\} 1( |$)"),
            "seen failing once in a full run; the series were:\n" + ours);
        Assert.Matches("(?m)^ifpfeeds_cache_lookups_total\\{[^}]*result=\"hit\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^ifpfeeds_cache_lookups_total\\{[^}]*result=\"miss\"[^}]*\\} [1-9]", text);
        Assert.Matches("(?m)^ifpfeeds_render_duration_seconds_bucket\\{", text);
        Assert.Matches("(?m)^ifpfeeds_snapshot_publishes_total(\\{[^}]*\\})? [1-9]", text);
        Assert.Matches("(?m)^ifpfeeds_articles(_[a-z]+)?(\\{[^}]*\\})? 6", text);
        Assert.Matches("(?m)^http_server_request_duration_seconds_count\\{", text); // the framework's meters too
        Assert.DoesNotContain("economy.rss", text, StringComparison.Ordinal); // routes by pattern, never by URL
        Assert.DoesNotContain("secret-query", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tag/economy", text, StringComparison.Ordinal);
    }
}
