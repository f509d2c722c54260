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
