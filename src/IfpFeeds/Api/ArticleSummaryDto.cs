using IfpFeeds.Captures;

namespace IfpFeeds.Api;

/// <summary>An article in the list <c>GET /api/articles</c>.</summary>
public sealed record ArticleSummaryDto(
    string Id, string Section, string SectionSlug, string Title, string Summary, string? Author,
    DateTimeOffset Published, DateTimeOffset Updated)
{
    public static ArticleSummaryDto From(Article a) =>
        new(a.Id, a.Section, a.SectionSlug, a.Title, a.Summary, a.Author, a.Published, a.Updated);
}
