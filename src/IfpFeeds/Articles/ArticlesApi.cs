using System.Collections.Immutable;
using System.Text.Json;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Site;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Articles;

/// <summary>
/// The JSON API over the current snapshot: <c>/api/sections</c>, <c>/api/articles</c>, <c>/api/articles/{id}</c>,
/// cached and served with conditional GET and compression like the feeds.
/// </summary>
public static class ArticlesApi
{
    public const string JsonType = "application/json; charset=utf-8";

    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Articles");

        api.MapMethods("/sections", FeedsApi.GetHead, (HttpRequest request, ArticleStore store, JsonResponses json) =>
        {
            var snapshot = store.Current;
            return json.Serve(request, ResourceKind.ApiSections, "", RepresentationCache.AllDependency, snapshot.AllVersion,
                FeedsApi.Newest(snapshot.Articles), snapshot,
                static s => s.Sections.Select(x => new SectionDto(x.Slug, x.Name, x.Articles.Length, x.Newest)).ToArray());
        });

        api.MapMethods("/articles", FeedsApi.GetHead, (HttpRequest request, ArticleStore store, JsonResponses json, string? section) =>
        {
            var snapshot = store.Current;
            if (section is null)
            {
                return json.Serve(request, ResourceKind.ApiArticles, "", RepresentationCache.AllDependency, snapshot.AllVersion,
                    FeedsApi.Newest(snapshot.Articles), snapshot.Articles, static a => a.Select(ArticleSummaryDto.From).ToArray());
            }

            if (!snapshot.SectionsBySlug.TryGetValue(section, out var found))
            {
                return ValueTask.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown section",
                    detail: $"No section has the slug '{Truncate(section)}'. GET /api/sections lists them."));
            }

            return json.Serve(request, ResourceKind.ApiArticles, found.Slug, found.Slug, found.Version,
                FeedsApi.Newest(found.Articles), found.Articles, static a => a.Select(ArticleSummaryDto.From).ToArray());
        });

        api.MapMethods("/articles/{id}", FeedsApi.GetHead, (HttpRequest request, ArticleStore store, JsonResponses json, string id) =>
        {
            var snapshot = store.Current;
            if (!snapshot.TryGetArticle(id, out var article))
            {
                return ValueTask.FromResult<IResult>(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article",
                    detail: $"No article has the id '{Truncate(id)}'."));
            }

            return json.Serve(request, ResourceKind.ApiArticle, article.Id, article.SectionSlug, snapshot.SectionsBySlug[article.SectionSlug].Version,
                article.Updated, article, static a => ArticleDto.From(a));
        });

        return api;
    }

    /// <summary>Echoes at most 100 characters of a client's input back in an error.</summary>
    internal static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
}

/// <summary>JSON answers as cached representations, serialized with the app's JSON options (camelCase).</summary>
public sealed class JsonResponses(RepresentationCache cache, PublicUrls urls, IOptions<JsonOptions> json, TimeProvider time)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public ValueTask<IResult> Serve<TState, TBody>(
        HttpRequest request, ResourceKind kind, string name, string dependency, long version, DateTimeOffset lastModified,
        TState state, Func<TState, TBody> body)
    {
        var key = urls.KeyFor(request, kind, name, default, 0, 0);
        return cache.Serve(key, dependency, version, (state, body, _options, lastModified, version, time), static s =>
        {
            var (state, body, options, lastModified, version, time) = s;
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body(state), options);
            return Task.FromResult(new Representation(bytes, ArticlesApi.JsonType, FeedsApi.Clamp(lastModified, time), version));
        });
    }
}

/// <summary>A section in <c>GET /api/sections</c>.</summary>
public sealed record SectionDto(string Slug, string Name, int ArticleCount, DateTimeOffset Newest);

/// <summary>An article in the list <c>GET /api/articles</c>.</summary>
public sealed record ArticleSummaryDto(
    string Id, string Section, string SectionSlug, string Title, string Summary, string? Author,
    DateTimeOffset Published, DateTimeOffset Updated)
{
    public static ArticleSummaryDto From(Article a) =>
        new(a.Id, a.Section, a.SectionSlug, a.Title, a.Summary, a.Author, a.Published, a.Updated);
}

/// <summary>The whole parse of one capture, <c>GET /api/articles/{id}</c>.</summary>
public sealed record ArticleDto(
    string Id, string Section, string SectionSlug, string Title, string Summary, ImmutableArray<string> Paragraphs,
    string? Author, string? AuthorBio, string? Url, DateTimeOffset Published, DateTimeOffset Updated,
    DateTimeOffset Captured, string? Image, ImmutableArray<string> Tags, ImmutableArray<RecentPost> RecentPosts)
{
    public static ArticleDto From(Article a) =>
        new(a.Id, a.Section, a.SectionSlug, a.Title, a.Summary, a.Paragraphs, a.Author, a.AuthorBio, a.Url,
            a.Published, a.Updated, a.Captured, a.Image, a.Tags, a.RecentPosts);
}
