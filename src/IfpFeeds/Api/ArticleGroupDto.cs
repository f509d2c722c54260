namespace IfpFeeds.Api;

/// <summary>A tag in <c>GET /api/tags</c>, an author in <c>GET /api/authors</c>.</summary>
public sealed record ArticleGroupDto(string Slug, string Name, int ArticleCount, DateTimeOffset Newest);
