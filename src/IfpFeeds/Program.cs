using IfpFeeds.Api;
using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Digest;
using IfpFeeds.Feeds;
using IfpFeeds.Fleet;
using IfpFeeds.Health;
using IfpFeeds.Hosting;
using IfpFeeds.Http;
using IfpFeeds.Pages;
using IfpFeeds.Publishing;
using IfpFeeds.Search;
using IfpFeeds.Store;
using IfpFeeds.WebSub;

// The composition root: the stages of the data flow (captures → store → features → caching → http), wired.
if (PublishingCommand.Matches(args))
{
    return PublishingCommand.Run(args, Console.Out, Console.Error); // a key for the publishing API; the service does not start
}

var started = false;
var stopping = false;
try
{
    var app = Build(args, () => Volatile.Read(ref started));
    app.Lifetime.ApplicationStarted.Register(() => Volatile.Write(ref started, true));
    app.Lifetime.ApplicationStopping.Register(() => Volatile.Write(ref stopping, true)); // the host is disposed by the time a failed start reaches here
    app.Run();
    return 0;
}
catch (OperationCanceledException) when (Volatile.Read(ref stopping))
{
    // Stopped (SIGTERM, Ctrl+C) while still starting, e.g. during a long first load: a clean stop, not a crash.
    Console.Error.WriteLine("IfpFeeds: stopped before the start completed");
    return 0;
}
catch (Exception ex) when (StartupFailure.Describe(ex) is { } line)
{
    // A person's mistake, not a crash: one line naming the key or the address, and exit code 1.
    Console.Error.WriteLine("IfpFeeds: " + line);
    return 1;
}

static WebApplication Build(string[] args, Func<bool> started)
{
    // The slim host: configuration, Kestrel, host filtering (AllowedHosts) and console logging, without what a feed
    // service does not use (IIS, static web assets, the Debug and EventSource log providers: 70 B and a log scope per
    // request). HTTPS endpoints from the Kestrel configuration section still work.
    var builder = WebApplication.CreateSlimBuilder(args);
    builder.WebHost.UseKestrelHttpsConfiguration();
    builder.WebHost.UseFeedServiceLimits();
    builder.QuietHostUntilStarted(started);
    builder.AddObservability();

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddFeedsOptions();
    builder.Services.AddProblemDetails();
    builder.Services.AddClientRateLimiting();
    builder.Services.AddCrossOrigin();
    builder.Services.AddSingleton<PublicUrls>();
    builder.Services.AddSingleton<FallbackRoutes>();
    builder.Services.AddFleet(builder.Configuration);
    builder.Services.AddRepresentationCache();
    builder.Services.AddArticleStore();
    builder.Services.AddSnapshotListener<SnapshotCacheInvalidation>();

    builder.Services.AddFeeds();
    builder.Services.AddDigest();
    builder.Services.AddPages();
    builder.Services.AddSearch();
    builder.Services.AddArticlesApi();
    builder.Services.AddPublishing();
    builder.Services.AddHealth();
    builder.Services.AddWebSub();

    var app = builder.Build();
    app.UseLiteralRouteDispatch(); // the polled feed URLs skip routing's matcher; then routing
    app.UseProblemResponses();
    app.UseSecurityHeaders();
    app.UseClientRateLimiting();
    app.UseCrossOrigin();

    app.MapFeeds();
    app.MapDigest();
    app.MapPages();
    app.MapSearch();
    app.MapArticlesApi();
    app.MapPublishing();
    app.MapWebSub();
    app.MapHealth();
    app.MapMetrics();
    return app;
}

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
