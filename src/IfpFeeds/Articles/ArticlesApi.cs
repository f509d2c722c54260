using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IfpFeeds.Articles;

/// <summary>The JSON API over the current snapshot: <c>/api/sections</c>, <c>/api/articles</c>, <c>/api/articles/{id}</c>.</summary>
public static class ArticlesApi
{
    public static RouteGroupBuilder MapArticles(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Articles");

        api.MapGet("/sections", (ArticleStore store) =>
            TypedResults.Ok(store.Current.Sections.Select(s => new SectionDto(s.Slug, s.Name, s.Articles.Length, s.Newest))));

        api.MapGet("/articles", Results<Ok<IEnumerable<ArticleSummaryDto>>, ProblemHttpResult> (ArticleStore store, string? section) =>
        {
            var snapshot = store.Current;
            ImmutableArray<Article> articles;
            if (section is null)
            {
                articles = snapshot.Articles;
            }
            else if (snapshot.SectionsBySlug.TryGetValue(section, out var found))
            {
                articles = found.Articles;
            }
            else
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown section",
                    detail: $"No section has the slug '{Truncate(section)}'. GET /api/sections lists them.");
            }

            return TypedResults.Ok(articles.Select(ArticleSummaryDto.From));
        });

        api.MapGet("/articles/{id}", Results<Ok<ArticleDto>, ProblemHttpResult> (ArticleStore store, string id) =>
            store.Current.TryGetArticle(id, out var article)
                ? TypedResults.Ok(ArticleDto.From(article))
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown article",
                    detail: $"No article has the id '{Truncate(id)}'."));

        return api;
    }

    /// <summary>Echoes at most 100 characters of a client's input back in an error.</summary>
    internal static string Truncate(string value) => value.Length <= 100 ? value : value[..100] + "…";
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
