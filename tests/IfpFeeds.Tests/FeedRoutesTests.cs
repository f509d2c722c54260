using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>Every feed URL the sources have gets a literal route of its own, kept in step with the captures.</summary>
public sealed class FeedRoutesTests
{
    private static string[] FeedRoutePaths(TestApp app) =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.DisplayName?.StartsWith("feed ", StringComparison.Ordinal) == true)
            .Select(e => e.RoutePattern.RawText!)
            .Order(StringComparer.Ordinal)];

    [Fact]
    public async Task EachFeedInEachFormatHasALiteralRouteThatFollowsTheSections()
    {
        using var app = new TestApp();
        app.Write("a.txt", CaptureText.Simple(section: "Alpha"));
        using var client = app.CreateClient();
        Assert.Equal(
            ["/feeds/all.atom", "/feeds/all.json", "/feeds/all.rss", "/feeds/alpha.atom", "/feeds/alpha.json", "/feeds/alpha.rss",
             "/feeds/recent.atom", "/feeds/recent.json", "/feeds/recent.rss"],
            FeedRoutePaths(app));

        app.Write("b.txt", CaptureText.Simple(section: "Beta"));
        await app.WaitForJsonAsync("/api/sections", s => s.AsArray().Count == 2);
        await WaitForAsync(() => FeedRoutePaths(app).Contains("/feeds/beta.rss")); // the routes follow just after the snapshot
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/beta.rss")).StatusCode);

        File.Delete(Path.Combine(app.Folder, "a.txt"));
        await app.WaitForJsonAsync("/api/sections", s => s.AsArray().Count == 1);
        await WaitForAsync(() => !FeedRoutePaths(app).Contains("/feeds/alpha.rss"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/alpha.rss")).StatusCode);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the feed routes never followed the sections");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task AFeedsLiteralRouteMatchesWithoutRouteValuesAndOnlyItsOwnSpelling()
    {
        using var app = new TestApp(services: s => s.AddSingleton<IStartupFilter, RecordRouteValues>());
        app.Write("a.txt", CaptureText.Simple(section: "Alpha"));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/alpha.rss")).StatusCode);
        Assert.Equal(0, RecordRouteValues.Last); // the literal route: nothing captured
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/alpha.rss?page=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/feeds/all.json")).StatusCode);
        Assert.Equal(0, RecordRouteValues.Last);

        // Feed URLs without a route of their own go to the feeds' fallback: a 404 that says why.
        using var unknown = await client.GetAsync("/feeds/nope.json");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Unknown feed", (string?)System.Text.Json.Nodes.JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["title"]);
        using var format = await client.GetAsync("/feeds/alpha.xml");
        Assert.Equal("Unknown feed format", (string?)System.Text.Json.Nodes.JsonNode.Parse(await format.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/x/alpha.rss")).StatusCode); // one segment only
        using var post = await client.PostAsync("/feeds/nope.json", null);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // GET and HEAD only
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);

        // Routing matches literals in any case; the feed itself does not exist in another spelling.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/ALPHA.rss")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/alpha.RSS")).StatusCode);
    }

    /// <summary>Notes how many route values the request that just finished had.</summary>
    private sealed class RecordRouteValues : IStartupFilter
    {
        public static int Last { get; private set; } = -1;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                Last = context.Request.RouteValues.Count;
            });
            next(app);
        };
    }
}
