namespace IfpFeeds.Api;

/// <summary>A section in <c>GET /api/sections</c>.</summary>
public sealed record SectionDto(string Slug, string Name, int ArticleCount, DateTimeOffset Newest);
