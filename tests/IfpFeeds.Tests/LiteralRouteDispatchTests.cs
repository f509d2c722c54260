using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IfpFeeds.Tests;

/// <summary>
/// A GET or HEAD of a feed URL with a literal route gets its endpoint before routing, which then skips its matcher
/// (routing's own debug event says so); any other spelling or method is matched by routing as before.
/// </summary>
public sealed class LiteralRouteDispatchTests
{
    [Fact]
    public async Task ExactFeedUrlsSkipTheMatcherAndEverythingElseIsRoutedAsBefore()
    {
        var skipped = new SkippedMatches();
        using var app = new TestApp(new() { ["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Debug" },
            services: s => s.AddSingleton<ILoggerProvider>(skipped));
        app.Write("a.txt", CaptureText.Simple(section: "Alpha"));
        using var client = app.CreateClient();

        async Task<(HttpStatusCode Status, string? Skipped)> SendAsync(HttpMethod method, string url)
        {
            skipped.Endpoints.Clear();
            using var response = await client.SendAsync(new HttpRequestMessage(method, url));
            return (response.StatusCode, skipped.Endpoints.SingleOrDefault());
        }

        Assert.Equal((HttpStatusCode.OK, "feed /feeds/alpha.rss"), await SendAsync(HttpMethod.Get, "/feeds/alpha.rss"));
        Assert.Equal((HttpStatusCode.OK, "feed /feeds/alpha.rss"), await SendAsync(HttpMethod.Head, "/feeds/alpha.rss"));
        Assert.Equal((HttpStatusCode.OK, "feed /feeds/all.json"), await SendAsync(HttpMethod.Get, "/feeds/all.json?page=1"));

        // Not dispatched: routing matches them, with the answers it always gave.
        Assert.Equal((HttpStatusCode.NotFound, null), await SendAsync(HttpMethod.Get, "/feeds/ALPHA.rss"));
        Assert.Equal((HttpStatusCode.NotFound, null), await SendAsync(HttpMethod.Get, "/feeds/nope.rss"));
        Assert.Equal((HttpStatusCode.OK, null), await SendAsync(HttpMethod.Get, "/feeds.opml"));
        var post = await SendAsync(HttpMethod.Post, "/feeds/alpha.rss");
        Assert.Null(post.Skipped);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.Status);
    }

    /// <summary>Records the endpoint named by each of routing's "already set, skipping route matching" events.</summary>
    private sealed class SkippedMatches : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Endpoints { get; } = new();

        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.Contains("skipping route matching", StringComparison.Ordinal))
            {
                Endpoints.Enqueue(message.Split('\'')[1]);
            }
        }

        public void Dispose()
        {
        }
    }
}
