using System.Text;
using IfpFeeds.WebSub;
using Microsoft.AspNetCore.Http;

namespace IfpFeeds.Tests;

/// <summary>The hub's verification and delivery requests, against a real loopback subscriber.</summary>
public sealed class CallbackClientTests : IAsyncLifetime
{
    private const string Topic = "http://127.0.0.1/feeds/all.atom", Hub = "http://127.0.0.1/websub";
    private LoopbackSubscriber _subscriber = null!;
    private HttpClient _http = null!;
    private CallbackClient _client = null!;

    public async Task InitializeAsync()
    {
        _subscriber = await LoopbackSubscriber.StartAsync();
        _http = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: true, TimeSpan.FromSeconds(5))) { Timeout = TimeSpan.FromSeconds(2) };
        _client = new CallbackClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _subscriber.DisposeAsync();
    }

    private SubscriptionIntent Intent(string path = "/callback?id=7") =>
        new(true, Topic, _subscriber.Url(path), null, 3600, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task AnEchoedChallengeVerifiesAndTheQueryCarriesModeTopicChallengeAndLease()
    {
        Assert.True(await _client.VerifyAsync(Intent(), CancellationToken.None));
        var request = Assert.Single(_subscriber.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("7", request.Query("id")); // the callback's own query is kept
        Assert.Equal("subscribe", request.Query("hub.mode"));
        Assert.Equal(Topic, request.Query("hub.topic"));
        Assert.Equal("3600", request.Query("hub.lease_seconds"));
        Assert.True(request.Query("hub.challenge").Length >= 43);

        Assert.True(await _client.VerifyAsync(Intent(), CancellationToken.None));
        Assert.NotEqual(request.Query("hub.challenge"), _subscriber.Requests.Last().Query("hub.challenge")); // fresh each time
    }

    [Theory]
    [InlineData("wrong body")]
    [InlineData("404")]
    [InlineData("redirect")]
    [InlineData("challenge+more")]
    [InlineData("slow")]
    public async Task AnythingButTheChallengeIn2xxDoesNotVerify(string answer)
    {
        _subscriber.Answer = async (context, received) =>
        {
            switch (answer)
            {
                case "wrong body": await context.Response.WriteAsync("hello"); break;
                case "404": context.Response.StatusCode = 404; await context.Response.WriteAsync(context.Request.Query["hub.challenge"].ToString()); break;
                case "redirect": context.Response.Redirect("/elsewhere?hub.challenge=" + context.Request.Query["hub.challenge"]); break;
                case "challenge+more": await context.Response.WriteAsync(context.Request.Query["hub.challenge"] + "\n"); break;
                default: await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted).ContinueWith(_ => { }); break;
            }
        };
        Assert.False(await _client.VerifyAsync(Intent(), CancellationToken.None));
        Assert.Single(_subscriber.Requests); // a redirect is not followed
    }

    private static TopicContent Content(byte[] body, string contentType) =>
        new(Topic, body, contentType, $"<{Hub}>; rel=\"hub\", <{Topic}>; rel=\"self\"", "\"x\"");

    [Fact]
    public async Task ADeliveryPostsTheBodyWithItsTypeLinksAndSignatureOnlyWhenThereIsASecret()
    {
        var body = Encoding.UTF8.GetBytes("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>");
        var signed = new Subscription(Topic, _subscriber.Url("/signed"), "s3cret", DateTimeOffset.MaxValue);
        var plain = signed with { Callback = _subscriber.Url("/plain"), Secret = null };
        Assert.Equal(DeliveryOutcome.Delivered, await _client.DeliverAsync(signed, Content(body, "application/atom+xml; charset=utf-8"), CancellationToken.None));
        Assert.Equal(DeliveryOutcome.Delivered, await _client.DeliverAsync(plain, Content(body, "application/atom+xml; charset=utf-8"), CancellationToken.None));

        var (first, second) = (_subscriber.Requests.First(), _subscriber.Requests.Last());
        Assert.Equal(body, first.Body);
        Assert.Equal("application/atom+xml; charset=utf-8", first.Headers["Content-Type"]);
        Assert.Contains($"<{Hub}>; rel=\"hub\"", first.Headers["Link"]);
        Assert.Contains($"<{Topic}>; rel=\"self\"", first.Headers["Link"]);
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), body));
        Assert.Equal(expected, first.Headers["X-Hub-Signature"]);
        Assert.False(second.Headers.ContainsKey("X-Hub-Signature"));
    }

    [Theory]
    [InlineData(200, DeliveryOutcome.Delivered)]
    [InlineData(202, DeliveryOutcome.Delivered)]
    [InlineData(410, DeliveryOutcome.Gone)]
    [InlineData(500, DeliveryOutcome.Retry)]
    [InlineData(503, DeliveryOutcome.Retry)]
    [InlineData(429, DeliveryOutcome.Retry)]
    [InlineData(302, DeliveryOutcome.Refused)]
    [InlineData(404, DeliveryOutcome.Refused)]
    public async Task TheSubscribersStatusSaysWhatHappensNext(int status, DeliveryOutcome outcome)
    {
        _subscriber.Answer = (context, _) =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        };
        var subscription = new Subscription(Topic, _subscriber.Url(), null, DateTimeOffset.MaxValue);
        Assert.Equal(outcome, await _client.DeliverAsync(subscription, Content([1], "application/feed+json"), CancellationToken.None));
    }

    [Fact]
    public async Task AnUnreachableOrRefusedCallbackIsARetry()
    {
        var port = ServiceProcess.FreePort(); // nothing listens
        var subscription = new Subscription(Topic, $"http://127.0.0.1:{port}/x", null, DateTimeOffset.MaxValue);
        Assert.Equal(DeliveryOutcome.Retry, await _client.DeliverAsync(subscription, Content([1], "application/feed+json"), CancellationToken.None));

        using var strictHttp = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: false, TimeSpan.FromSeconds(5)));
        var strict = new CallbackClient(strictHttp);
        Assert.False(await strict.VerifyAsync(Intent(), CancellationToken.None));
        Assert.Empty(_subscriber.Requests);
    }
}
