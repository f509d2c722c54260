namespace IfpFeeds.Tests;

/// <summary>One slow subscriber delays no other: a wall-clock bound, so it runs in the Timing collection, alone.</summary>
[Collection(TimingCollection.Name)]
public sealed class HubIsolationTests
{
    private static readonly string Topic = HubHarness.Topic("all", "atom");

    [Fact]
    public async Task ADeadSubscriberDelaysNoOther()
    {
        await using var hub = await HubHarness.StartAsync(new() { ["Feeds:WebSub:TimeoutSeconds"] = "5" });
        await hub.SubscribeAsync(Topic, "/a-slow");
        await hub.SubscribeAsync(Topic, "/b-fast");
        var release = new TaskCompletionSource();
        hub.Subscriber.Answer = async (context, received) =>
        {
            if (received.Method == "POST" && received.PathAndQuery.StartsWith("/a-slow", StringComparison.Ordinal))
            {
                await release.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
            }

            context.Response.StatusCode = 204;
        };
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => hub.Deliveries("/b-fast").Length == 1, seconds: 4);
        release.SetResult();
    }
}
