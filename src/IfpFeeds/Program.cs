using IfpFeeds.Api;
using IfpFeeds.Caching;
using IfpFeeds.Configuration;
using IfpFeeds.Digest;
using IfpFeeds.Feeds;
using IfpFeeds.Health;
using IfpFeeds.Hosting;
using IfpFeeds.Http;
using IfpFeeds.Pages;
using IfpFeeds.Store;

// The composition root: the stages of the data flow (captures → store → features → caching → http), wired.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseFeedServiceLimits();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddFeedsOptions();
builder.Services.AddProblemDetails();
builder.Services.AddClientRateLimiting();
builder.Services.AddSingleton<PublicUrls>();
builder.Services.AddRepresentationCache();
builder.Services.AddArticleStore();
builder.Services.AddSnapshotListener<SnapshotCacheInvalidation>();

builder.Services.AddFeeds();
builder.Services.AddDigest();
builder.Services.AddPages();
builder.Services.AddArticlesApi();
builder.Services.AddHealth();

var app = builder.Build();

app.UseProblemResponses();
app.UseSecurityHeaders();
app.UseClientRateLimiting();

app.MapFeeds();
app.MapDigest();
app.MapPages();
app.MapArticlesApi();
app.MapHealth();

app.Run();

/// <summary>The entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
