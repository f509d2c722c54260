using IfpFeeds;
using IfpFeeds.Articles;
using IfpFeeds.Digest;
using IfpFeeds.Feeds;
using IfpFeeds.Site;
using IfpFeeds.Health;
using IfpFeeds.Http;
using IfpFeeds.Pages;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddFeedsOptions();

// Kestrel's limits, set deliberately: requests here are small GETs (RFC 9110 §15.5.15 and §15.5.20 answers).
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
    kestrel.Limits.MaxRequestHeaderCount = 64;
    kestrel.Limits.MaxRequestLineSize = 8 * 1024;
    kestrel.Limits.MaxRequestBodySize = 64 * 1024;
    kestrel.Limits.MaxConcurrentConnections = 10_000;
    kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
    kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
    kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
});
builder.Services.AddClientRateLimiting();

builder.Services.TryAddTimeProvider();
builder.Services.AddSingleton<ArticleStore>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ArticleStore>());

builder.Services.AddSingleton<PublicUrls>();
builder.Services.AddSingleton<FeedBuilder>();
builder.Services.AddSingleton<RepresentationCache>();
builder.Services.AddSingleton<HttpCachingHeaders>();
builder.Services.AddSingleton<JsonResponses>();
builder.Services.AddSingleton<DigestService>();

builder.Services.AddRazorComponents();
builder.Services.AddSingleton<PageRenderer>();
builder.Services.AddSingleton<PageContext>();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddCheck<ArticleStoreHealthCheck>("articles");

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseClientRateLimiting();

app.MapArticles();
app.MapFeeds();
app.MapPages();
app.MapDigest();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;

internal static class TimeProviderRegistration
{
    /// <summary>The system clock unless a test registered a fake one first.</summary>
    public static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
