using System.Text.Json;
using IfpFeeds.Caching;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Pages;
using IfpFeeds.Store;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Digest;

/// <summary>The handlers of <see cref="DigestApi"/>'s routes.</summary>
internal sealed class DigestEndpoints(DigestService digest, RepresentationCache cache, PublicUrls urls, HtmlPages pages, IOptions<JsonOptions> json, TimeProvider time)
{
    private static readonly string[] Styles = ["long", "short"];

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;
    private readonly HtmlPages _pages = pages;

    /// <summary><c>/recent.json[?style=long|short][&amp;limit=N]</c>.</summary>
    public ValueTask<IResult> GetJsonAsync(HttpContext context) =>
        ServeView(context, "digest.json", ContentTypes.Json, static (endpoints, view, _, _) =>
            ValueTask.FromResult(SegmentedBytes.Copy(JsonSerializer.SerializeToUtf8Bytes(view, endpoints._json), SlabPool.Shared)));

    /// <summary><c>/recent[?style=long|short][&amp;limit=N]</c>: each label in a <c>&lt;time&gt;</c> that <c>/recent.js</c> keeps true.</summary>
    public ValueTask<IResult> GetPageAsync(HttpContext context) =>
        ServeView(context, "digest.page", ContentTypes.Html, static async (endpoints, view, style, baseUrl) =>
            await endpoints._pages.RenderAsync<RecentPage>(baseUrl, new()
            {
                [nameof(RecentPage.View)] = view,
                [nameof(RecentPage.StyleName)] = style,
            }));

    /// <summary>
    /// The digest with labels written for now, as <paramref name="write"/> makes its body: cached until the first
    /// label changes (at most 60 s), its Last-Modified the newest post's time.
    /// </summary>
    private ValueTask<IResult> ServeView(
        HttpContext context, string resource, string contentType, Func<DigestEndpoints, RecentView, string, Uri, ValueTask<SegmentedBytes>> write)
    {
        if (Read(context.Request, out var style, out var limit) is { } problem)
        {
            return ValueTask.FromResult(problem);
        }

        var snapshot = digest.Current;
        var origin = urls.OriginOf(context.Request);
        var key = new CacheKey(resource, style, limit, 0, origin);
        return cache.Serve(key, ChangeScopes.Everything, snapshot.Version, contentType, (endpoints: this, snapshot, style, limit, origin, write), static async s =>
        {
            var now = s.endpoints.Now;
            var baseUrl = s.endpoints.BaseFor(s.origin);
            var (view, validUntil) = RecentViewBuilder.Build(s.snapshot, Parse(s.style), s.limit, now, baseUrl);
            var body = await s.write(s.endpoints, view, s.style, baseUrl);
            return new RenderedBody(body, Newest(s.snapshot, now), Cap(validUntil, now));
        });
    }

    /// <summary><c>/recent.js</c>, from the assembly's resources (the tests run the same bytes in Jint).</summary>
    public ValueTask<IResult> GetScriptAsync(HttpContext context) =>
        cache.Serve(new CacheKey("asset", "recent.js", 0, 0, default), "asset", 0, ContentTypes.JavaScript, 0,
            static _ => ValueTask.FromResult(RenderedBody.From(ReadScript(), lastModified: null)));

    internal static byte[] ReadScript() => EmbeddedAssets.Read("recent.js");

    private DateTimeOffset Now => time.GetUtcNow();

    private Uri BaseFor(in RequestOrigin origin) => urls.BaseFor(origin);

    private static IResult? Read(HttpRequest request, out string style, out int limit)
    {
        limit = FeedPage.DefaultLimit;
        style = Styles[0];
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        return QueryParameters.TryReadChoice(request.Query, "style", Styles, out style)
            ?? QueryParameters.TryReadInt(request.Query, "limit", FeedPage.DefaultLimit, FeedPage.MaxLimit, out limit);
    }

    private static LabelStyle Parse(string style) => style == "short" ? LabelStyle.Short : LabelStyle.Long;

    /// <summary>Labels are kept at most 60 s even when none would change sooner.</summary>
    private static DateTimeOffset Cap(DateTimeOffset validUntil, DateTimeOffset now)
    {
        var latest = now.AddSeconds(CacheControlHeaders.MaxExpiringMaxAge);
        return validUntil < latest ? validUntil : latest;
    }

    private static DateTimeOffset Newest(DigestSnapshot snapshot, DateTimeOffset now)
    {
        var newest = snapshot.Updated;
        return newest > now ? now : newest;
    }
}
