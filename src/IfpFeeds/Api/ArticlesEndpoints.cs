using System.Text.Json;
using IfpFeeds.Caching;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Api;

/// <summary>The handlers of <see cref="ArticlesApi"/>'s routes: JSON (camelCase, ISO 8601 dates with an offset) as cached representations.</summary>
internal sealed class ArticlesEndpoints(ArticleStore store, RepresentationCache cache, PublicUrls urls, IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    /// <summary><c>/api/sections</c>: every section with its slug, name, article count and newest publication time.</summary>
    public ValueTask<IResult> GetSectionsAsync(HttpContext context)
    {
        var snapshot = store.Current;
        return Serve(context.Request, "api.sections", "", ChangeScopes.Everything, snapshot.ContentVersion, snapshot.LastUpdated,
            snapshot, static s => s.Sections.Select(x => new SectionDto(x.Slug, x.Name, x.Articles.Length, x.Newest)).ToArray());
    }

    /// <summary><c>/api/tags</c>: every tag with its slug, name, article count and newest publication time.</summary>
    public ValueTask<IResult> GetTagsAsync(HttpContext context) => GetGroupsAsync(context, "api.tags", static s => s.Tags);

    /// <summary><c>/api/authors</c>: every author with their slug, name, article count and newest publication time.</summary>
    public ValueTask<IResult> GetAuthorsAsync(HttpContext context) => GetGroupsAsync(context, "api.authors", static s => s.Authors);

    private ValueTask<IResult> GetGroupsAsync(HttpContext context, string resource, Func<ArticleSnapshot, ArticleGroupIndex> groups)
    {
        var snapshot = store.Current; // once: the groups and the version come from the same snapshot
        return Serve(context.Request, resource, "", ChangeScopes.Everything, snapshot.ContentVersion, snapshot.LastUpdated,
            groups(snapshot), static g => g.All.Select(x => new ArticleGroupDto(x.Slug, x.Name, x.Articles.Length, x.Newest)).ToArray());
    }

    /// <summary><c>/api/articles[?section=slug]</c>: every article (or one section's), newest first.</summary>
    public ValueTask<IResult> GetArticlesAsync(HttpContext context)
    {
        var snapshot = store.Current;
        if (!context.Request.QueryString.HasValue || !context.Request.Query.TryGetValue("section", out var values))
        {
            return Serve(context.Request, "api.articles", "", ChangeScopes.Everything, snapshot.ContentVersion, snapshot.LastUpdated,
                snapshot.Articles, static a => a.Select(ArticleSummaryDto.From).ToArray());
        }

        var slug = values.ToString();
        if (!snapshot.SectionsBySlug.TryGetValue(slug, out var section))
        {
            return ValueTask.FromResult(Problems.NotFound("Unknown section", $"No section has the slug '{Problems.Echo(slug)}'. GET /api/sections lists them."));
        }

        return Serve(context.Request, "api.articles", section.Slug, ChangeScopes.Of(section), section.Version, section.LastUpdated,
            section.Articles, static a => a.Select(ArticleSummaryDto.From).ToArray());
    }

    /// <summary><c>/api/articles/{id}</c>: the whole parse of one capture.</summary>
    public ValueTask<IResult> GetArticleAsync(HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string ?? "";
        var snapshot = store.Current;
        if (!snapshot.TryGetArticle(id, out var article))
        {
            return ValueTask.FromResult(Problems.NotFound("Unknown article", $"No article has the id '{Problems.Echo(id)}'."));
        }

        var section = snapshot.SectionsBySlug[article.SectionSlug];
        return Serve(context.Request, "api.article", article.Id, ChangeScopes.Of(section), section.Version, article.Updated,
            article, static a => ArticleDto.From(a));
    }

    private ValueTask<IResult> Serve<TState, TBody>(
        HttpRequest request, string resource, string name, string dependency, long version, DateTimeOffset lastModified,
        TState state, Func<TState, TBody> body)
    {
        var key = new CacheKey(resource, name, 0, 0, urls.OriginOf(request));
        return cache.Serve(key, dependency, version, ContentTypes.Json, (state, body, _json, lastModified), static s =>
            ValueTask.FromResult(RenderedBody.From(JsonSerializer.SerializeToUtf8Bytes(s.body(s.state), s._json), s.lastModified)));
    }
}
