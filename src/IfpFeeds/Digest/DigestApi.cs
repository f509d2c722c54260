using System.Text.Json;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Pages;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Digest;

/// <summary>
/// <c>GET /recent.json</c> and <c>GET /recent</c> (the digest with labels true for the moment they are
/// read, cached only until the first label changes), <c>GET /recent.js</c> (the script that keeps an open
/// page's labels true). The digest's feeds are <c>/feeds/recent.*</c> (<see cref="FeedsApi"/>).
/// </summary>
public static class DigestApi
{
    private static readonly string[] Styles = ["long", "short"];

    public static IEndpointRouteBuilder MapDigest(this IEndpointRouteBuilder routes)
    {
        routes.MapMethods("/recent.json", FeedsApi.GetHead, (HttpRequest request, DigestService digest, RepresentationCache cache, PublicUrls urls,
            IOptions<JsonOptions> json, TimeProvider time) =>
        {
            if (Read(request, out var style, out var limit) is { } problem)
            {
                return ValueTask.FromResult(problem);
            }

            var snapshot = digest.Current;
            var key = urls.KeyFor(request, ResourceKind.RecentJson, style, default, limit, 0);
            return cache.Serve(key, RepresentationCache.AllDependency, snapshot.Version, (snapshot, style, limit, request, urls, json.Value.SerializerOptions, time), static s =>
            {
                var (snapshot, style, limit, request, urls, options, time) = s;
                var now = time.GetUtcNow();
                var (view, validUntil) = RecentViews.Build(snapshot, Parse(style), limit, now, urls.BaseFor(request));
                var bytes = JsonSerializer.SerializeToUtf8Bytes(view, options);
                return Task.FromResult(new Representation(bytes, ArticlesJsonType, Newest(snapshot, now), snapshot.Version, expiresAt: Cap(validUntil, now)));
            });
        });

        routes.MapMethods("/recent", FeedsApi.GetHead, (HttpRequest request, DigestService digest, RepresentationCache cache, PublicUrls urls,
            PageRenderer renderer, IOptions<FeedsOptions> options, TimeProvider time) =>
        {
            if (Read(request, out var style, out var limit) is { } problem)
            {
                return ValueTask.FromResult(problem);
            }

            var snapshot = digest.Current;
            var key = urls.KeyFor(request, ResourceKind.RecentPage, style, default, limit, 0);
            return cache.Serve(key, RepresentationCache.AllDependency, snapshot.Version, (snapshot, style, limit, request, urls, renderer, options.Value, time), static async s =>
            {
                var (snapshot, style, limit, request, urls, renderer, options, time) = s;
                var now = time.GetUtcNow();
                var baseUrl = urls.BaseFor(request);
                var (view, validUntil) = RecentViews.Build(snapshot, Parse(style), limit, now, baseUrl);
                var bytes = await renderer.RenderAsync<RecentPage>(new()
                {
                    [nameof(RecentPage.View)] = view,
                    [nameof(RecentPage.StyleName)] = style,
                    [nameof(RecentPage.SiteTitle)] = options.SiteTitle,
                    [nameof(RecentPage.Language)] = options.Language,
                    [nameof(RecentPage.BaseUrl)] = baseUrl,
                });
                return new Representation(bytes, PageRenderer.HtmlType, Newest(snapshot, now), snapshot.Version, expiresAt: Cap(validUntil, now));
            });
        });

        routes.MapMethods("/recent.js", FeedsApi.GetHead, () => Script.Value.AcquireResult());
        return routes;
    }

    private const string ArticlesJsonType = "application/json; charset=utf-8";

    /// <summary>The script, from the assembly's resources (the tests run the same bytes in Jint).</summary>
    internal static readonly Lazy<Representation> Script = new(() =>
        new Representation(ReadScript(), "text/javascript; charset=utf-8", DateTimeOffset.UnixEpoch, 0));

    internal static byte[] ReadScript()
    {
        using var stream = typeof(DigestApi).Assembly.GetManifestResourceStream("recent.js")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IResult? Read(HttpRequest request, out string style, out int limit)
    {
        limit = FeedBuilder.DefaultLimit;
        return (IResult?)FeedQuery.TryReadChoice(request.Query, "style", Styles, out style)
            ?? FeedQuery.TryReadInt(request.Query, "limit", FeedBuilder.DefaultLimit, FeedBuilder.MaxLimit, out limit);
    }

    private static LabelStyle Parse(string style) => style == "short" ? LabelStyle.Short : LabelStyle.Long;

    /// <summary>Labels are kept at most 60 s even when none would change sooner.</summary>
    private static DateTimeOffset Cap(DateTimeOffset validUntil, DateTimeOffset now)
    {
        var latest = now.AddSeconds(HttpCachingHeaders.MaxExpiringMaxAge);
        return validUntil < latest ? validUntil : latest;
    }

    private static DateTimeOffset Newest(DigestSnapshot snapshot, DateTimeOffset now)
    {
        var newest = snapshot.Posts.IsEmpty ? DateTimeOffset.UnixEpoch : snapshot.Posts[0].EstimatedAt;
        return newest > now ? now : newest;
    }
}
