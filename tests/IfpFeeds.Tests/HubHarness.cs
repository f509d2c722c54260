using IfpFeeds.Store;
using IfpFeeds.WebSub;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// The whole app as a WebSub hub (callbacks on loopback allowed) with a real <see cref="LoopbackSubscriber"/>: subscribe
/// through <c>POST /websub</c>, change captures, and wait for what the subscriber receives.
/// </summary>
public sealed class HubHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://feeds.example.com/";

    private HubHarness(TestApp app, LoopbackSubscriber subscriber, HttpClient client, string articles)
    {
        ArticlesFolder = articles;
        App = app;
        Subscriber = subscriber;
        Client = client;
    }

    public TestApp App { get; }

    /// <summary>The captures folder the app reads.</summary>
    public string ArticlesFolder { get; }

    public LoopbackSubscriber Subscriber { get; }

    public HttpClient Client { get; }

    public ISubscriptionStore Store => App.Services.GetRequiredService<ISubscriptionStore>();

    public static string Topic(string feed, string extension) => $"{BaseUrl}feeds/{feed}.{extension}";

    /// <param name="settings">More settings; the app reads <paramref name="folder"/> (and its data beside it) when given, to start again on them.</param>
    /// <param name="services">More services (a store that fails on demand).</param>
    public static async Task<HubHarness> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null, LoopbackSubscriber? subscriber = null,
        string? root = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Feeds:BaseUrl"] = BaseUrl,
            ["Feeds:WebSub:AllowPrivateCallbacks"] = "true",
            ["Feeds:WebSub:TimeoutSeconds"] = "2",
        };
        if (root is not null)
        {
            all["Feeds:ArticlesPath"] = Path.Combine(root, "articles");
            all["Feeds:DataPath"] = Path.Combine(root, "data");
        }

        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var app = new TestApp(all, time, services: services);
        if (root is null)
        {
            app.Write("politics-1.txt", CaptureText.Simple("Politics", "First politics story"));
            app.Write("economy-1.txt", CaptureText.Simple("Economy", "First economy story"));
        }

        var client = app.CreateClient();
        return new HubHarness(app, subscriber ?? await LoopbackSubscriber.StartAsync(), client, root is null ? app.Folder : Path.Combine(root, "articles"));
    }

    /// <summary>POSTs a hub request (the form's fields in order; nulls left out).</summary>
    public Task<HttpResponseMessage> PostAsync(params (string Name, string? Value)[] fields) =>
        Client.PostAsync("/websub", new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Name, f.Value!))));

    /// <summary>
    /// Sends a subscribe (or unsubscribe) of <paramref name="path"/> of the subscriber to <paramref name="topic"/>, and waits
    /// until the hub has verified it and recorded the outcome.
    /// </summary>
    public async Task SubscribeAsync(string topic, string path = "/callback", string? secret = null, int? lease = null, bool subscribe = true)
    {
        var callback = Subscriber.Url(path);
        var asked = Verifications(path).Length;
        using var response = await PostAsync(("hub.mode", subscribe ? "subscribe" : "unsubscribe"), ("hub.topic", topic), ("hub.callback", callback),
            ("hub.secret", secret), ("hub.lease_seconds", lease?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await WaitForAsync(() => Verifications(path).Length > asked && !Store.Intents().Any(i => i.Topic == topic && i.Callback == callback)
            && (!subscribe || Store.LastContent(topic) is not null));
    }

    /// <summary>The verification GETs the subscriber received at <paramref name="path"/>.</summary>
    public LoopbackSubscriber.Received[] Verifications(string path = "/callback") =>
        [.. Subscriber.Requests.Where(r => r.Method == "GET" && r.PathAndQuery.StartsWith(path + "?", StringComparison.Ordinal))];

    /// <summary>Writes a capture and has the store read it now; completes when the snapshot with it is published.</summary>
    public Task<ArticleSnapshot> ChangeAsync(string name, string section, string title)
    {
        File.WriteAllText(Path.Combine(ArticlesFolder, name), CaptureText.Simple(section, title));
        return App.Services.GetRequiredService<ArticleStore>().RefreshAsync(name);
    }

    /// <summary>The POSTs (deliveries) the subscriber received at <paramref name="path"/>.</summary>
    public LoopbackSubscriber.Received[] Deliveries(string path = "/callback") =>
        [.. Subscriber.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith(path, StringComparison.Ordinal))];

    /// <summary>Waits (up to 15 s) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitForAsync(Func<bool> condition, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }

    /// <summary>Gives the hub time to do what it would (deliveries it should not make), then returns.</summary>
    public static Task SettleAsync() => Task.Delay(1_000);

    /// <summary>Stops the app, and the subscriber unless <paramref name="keepSubscriber"/> (to start the app again on the same data).</summary>
    public async ValueTask StopAsync(bool keepSubscriber)
    {
        Client.Dispose();
        App.Dispose();
        if (!keepSubscriber)
        {
            await Subscriber.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => StopAsync(keepSubscriber: false);
}
