using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace IfpFeeds.Tests;

/// <summary>The hub's metrics: the subscriptions gauge and the deliveries by outcome; and <c>/websub</c> takes only POST.</summary>
public sealed class HubMetricsTests
{
    [Fact]
    public async Task SubscriptionsAreAGaugeAndEachDeliveryIsCountedByItsOutcome()
    {
        await using var hub = await HubHarness.StartAsync();
        var meters = hub.App.Services.GetRequiredService<IMeterFactory>();
        using var subscriptions = new MetricCollector<int>(meters, "IfpFeeds", "ifpfeeds.websub.subscriptions");
        using var deliveries = new MetricCollector<long>(meters, "IfpFeeds", "ifpfeeds.websub.deliveries");
        await hub.SubscribeAsync(HubHarness.Topic("all", "atom"), "/a");
        await hub.SubscribeAsync(HubHarness.Topic("all", "atom"), "/b");
        subscriptions.RecordObservableInstruments();
        Assert.Equal(2, subscriptions.LastMeasurement!.Value);

        hub.Subscriber.Answer = (context, received) =>
        {
            context.Response.StatusCode = received.PathAndQuery.StartsWith("/b", StringComparison.Ordinal) ? StatusCodes.Status410Gone : StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        };
        await hub.ChangeAsync("politics-2.txt", "Politics", "Second politics story");
        await HubHarness.WaitForAsync(() => deliveries.GetMeasurementSnapshot().Count == 2);
        Assert.Equal(["delivered", "gone"], deliveries.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).Order());
        subscriptions.RecordObservableInstruments();
        Assert.Equal(1, subscriptions.LastMeasurement!.Value);
    }

    [Fact]
    public async Task TheHubAnswersOnlyPost()
    {
        await using var hub = await HubHarness.StartAsync();
        using var get = await hub.Client.GetAsync("/websub");
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
    }
}
