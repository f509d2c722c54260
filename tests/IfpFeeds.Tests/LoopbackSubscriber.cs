using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// A real WebSub subscriber for the tests: a small Kestrel app on a free 127.0.0.1 port that records every request
/// (method, path and query, headers, body) and answers as <see cref="Answer"/> says (by default: echo
/// <c>hub.challenge</c> to a GET, 204 to a POST).
/// </summary>
public sealed class LoopbackSubscriber : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackSubscriber(WebApplication app) => _app = app;

    /// <summary>A request as received.</summary>
    public sealed record Received(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Query(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + PathAndQuery).Query)[name].ToString();
    }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How to answer a request (after it is recorded).</summary>
    public Func<HttpContext, Received, Task> Answer { get; set; } = DefaultAnswer;

    public int Port { get; private set; }

    /// <summary>The absolute URL of <paramref name="path"/> on this subscriber.</summary>
    public string Url(string path = "/callback") => $"http://127.0.0.1:{Port}{path}";

    public static async Task<LoopbackSubscriber> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var subscriber = new LoopbackSubscriber(builder.Build());
        subscriber._app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var received = new Received(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray());
            subscriber.Requests.Enqueue(received);
            await subscriber.Answer(context, received);
        });
        await subscriber._app.StartAsync();
        subscriber.Port = new Uri(subscriber._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return subscriber;
    }

    public static Task DefaultAnswer(HttpContext context, Received received)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            return context.Response.WriteAsync(context.Request.Query["hub.challenge"].ToString());
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
