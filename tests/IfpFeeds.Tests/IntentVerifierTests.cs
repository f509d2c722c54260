using IfpFeeds.Configuration;
using IfpFeeds.WebSub;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IfpFeeds.Tests;

/// <summary>Verification of intent end to end: a real loopback subscriber, the SQLite store, a fake clock.</summary>
public sealed class IntentVerifierTests : IAsyncLifetime
{
    private const string Topic = "https://feeds.example.com/feeds/all.atom";
    private readonly string _folder = Directory.CreateTempSubdirectory("ifpfeeds-verify-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
    private LoopbackSubscriber _subscriber = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _subscriber = await LoopbackSubscriber.StartAsync();
        _http = new HttpClient(OutboundHttp.CreateHandler(allowPrivate: true, TimeSpan.FromSeconds(5))) { Timeout = TimeSpan.FromSeconds(5) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _subscriber.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private IntentVerifier Verifier(ISubscriptionStore store, int perTopic = 1000) => new(store, new CallbackClient(_http),
        Options.Create(new FeedsOptions { WebSub = new WebSubOptions { MaxSubscriptionsPerTopic = perTopic } }), _time, NullLogger<IntentVerifier>.Instance);

    private SubscriptionIntent Intent(string path, bool subscribe = true, string? secret = null) =>
        new(subscribe, Topic, _subscriber.Url(path), secret, 3600, _time.GetUtcNow());

    [Fact]
    public async Task AConfirmedSubscribeIsActiveForItsLeaseAndAConfirmedUnsubscribeEndsIt()
    {
        using var store = new SqliteSubscriptionStore(_folder);
        var verifier = Verifier(store);
        store.SaveIntent(Intent("/a", secret: "k"));
        Assert.True(await verifier.VerifyAsync(Intent("/a", secret: "k"), CancellationToken.None));
        Assert.Equal(new Subscription(Topic, _subscriber.Url("/a"), "k", _time.GetUtcNow().AddHours(1)), Assert.Single(store.Active(Topic, _time.GetUtcNow())));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(store.Active(Topic, _time.GetUtcNow())); // the lease ran out

        Assert.True(await verifier.VerifyAsync(Intent("/a"), CancellationToken.None)); // subscribed again
        Assert.True(await verifier.VerifyAsync(Intent("/a", subscribe: false), CancellationToken.None));
        Assert.Equal(0, store.Count());
        Assert.Equal("unsubscribe", _subscriber.Requests.Last().Query("hub.mode"));
    }

    [Fact]
    public async Task AnUnconfirmedIntentLeavesNoTrace()
    {
        _subscriber.Answer = (context, _) =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        };
        using var store = new SqliteSubscriptionStore(_folder);
        store.SaveIntent(Intent("/a"));
        Assert.False(await Verifier(store).VerifyAsync(Intent("/a"), CancellationToken.None));
        Assert.Equal(0, store.Count());
        Assert.Empty(store.Intents());
    }

    [Fact]
    public async Task PastTheLimitANewSubscriptionIsRefusedUnaskedButARenewalIsNot()
    {
        using var store = new SqliteSubscriptionStore(_folder);
        var verifier = Verifier(store, perTopic: 1);
        Assert.True(await verifier.VerifyAsync(Intent("/a"), CancellationToken.None));
        Assert.False(await verifier.VerifyAsync(Intent("/b"), CancellationToken.None));
        Assert.DoesNotContain(_subscriber.Requests, r => r.PathAndQuery.StartsWith("/b", StringComparison.Ordinal)); // not even asked
        Assert.True(await verifier.VerifyAsync(Intent("/a"), CancellationToken.None));
        Assert.Equal(1, store.Count(Topic));
    }

    [Fact]
    public async Task IntentsARestartInterruptedAreVerifiedAfterIt()
    {
        using (var before = new SqliteSubscriptionStore(_folder))
        {
            before.SaveIntent(Intent("/a"));
            before.SaveIntent(Intent("/b"));
        }

        using var after = new SqliteSubscriptionStore(_folder);
        Assert.Equal(2, await Verifier(after).VerifyStoredAsync(CancellationToken.None));
        Assert.Equal(2, after.Count(Topic));
        Assert.Empty(after.Intents());
    }
}
