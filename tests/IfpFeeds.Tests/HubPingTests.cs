using Microsoft.AspNetCore.WebUtilities;

namespace IfpFeeds.Tests;

/// <summary>External hubs (<c>Feeds:WebSub:Hubs</c>) get WordPress's publish ping after each change: <c>hub.mode=publish</c> and a <c>hub.url</c> per changed topic.</summary>
public sealed class HubPingTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task AChangePingsEachExternalHubWithTheChangedTopics(string builtIn)
    {
        await using var external = await LoopbackSubscriber.StartAsync();
        var failures = 1;
        external.Answer = (context, _) =>
        {
            context.Response.StatusCode = Interlocked.Decrement(ref failures) >= 0 ? 503 : 204; // the first ping fails: it is retried
            return Task.CompletedTask;
        };
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:Hubs:0"] = external.Url("/publish"), ["Feeds:WebSub:BuiltInHub"] = builtIn });
        await HubHarness.SettleAsync();
        Assert.Empty(external.Requests); // starting is no change

        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => external.Requests.Count == 2);
        foreach (var ping in external.Requests)
        {
            Assert.Equal("POST", ping.Method);
            Assert.Equal("/publish", ping.PathAndQuery);
            Assert.StartsWith("application/x-www-form-urlencoded", ping.Headers["Content-Type"]);
            var form = QueryHelpers.ParseQuery("?" + System.Text.Encoding.UTF8.GetString(ping.Body));
            Assert.Equal("publish", form["hub.mode"].ToString());
            var urls = form["hub.url"].Select(u => u!).ToHashSet();
            foreach (var extension in new[] { "rss", "atom", "json" })
            {
                Assert.Contains(HubHarness.Topic("politics", extension), urls);
                Assert.Contains(HubHarness.Topic("all", extension), urls);
                Assert.DoesNotContain(HubHarness.Topic("economy", extension), urls);
            }
        }
    }
}
