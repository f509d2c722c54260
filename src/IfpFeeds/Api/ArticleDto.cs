using System.Collections.Immutable;
using IfpFeeds.Captures;

namespace IfpFeeds.Api;

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
