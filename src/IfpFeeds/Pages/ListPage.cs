using System.Collections.Immutable;
using IfpFeeds.Captures;
using IfpFeeds.Feeds;
using IfpFeeds.Http;

namespace IfpFeeds.Pages;

/// <summary>
/// One page of a list of articles (a section's, a tag's, an author's): <c>?page=N</c> from 1, 50 articles a page,
/// as the feeds page them (RFC 5005 style); the first page has no query. A page past the last is a 404.
/// </summary>
/// <param name="Number">The page shown, from 1.</param>
/// <param name="Count">How many pages the list has (at least 1).</param>
public readonly record struct ListPage(int Number, int Count)
{
    public const int Size = FeedPage.DefaultLimit;

    /// <summary>The articles of this page of <paramref name="articles"/>.</summary>
    public ImmutableArray<Article> Of(ImmutableArray<Article> articles) =>
        [.. articles.AsSpan().Slice(Math.Min((Number - 1) * Size, articles.Length), Math.Min(Size, Math.Max(0, articles.Length - ((Number - 1) * Size))))];

    /// <summary>The URL of page <paramref name="number"/> of the list at <paramref name="listUrl"/>.</summary>
    public static string Url(string listUrl, int number) =>
        number == 1 ? listUrl : $"{listUrl}{(listUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}page={number}";

    /// <summary>Reads <c>?page=</c> for a list of <paramref name="articles"/> articles; the problem to answer (400, or 404 past the last), or null.</summary>
    public static IResult? TryRead(HttpRequest request, int articles, out ListPage page)
    {
        var count = new FeedPage(Size, 1).PageCount(articles);
        page = new ListPage(1, count);
        if (!request.QueryString.HasValue)
        {
            return null;
        }

        if (QueryParameters.TryReadInt(request.Query, "page", 1, FeedPage.MaxNumber, out var number) is { } bad)
        {
            return bad;
        }

        if (number > count)
        {
            return Problems.NotFound("No such page", $"This list has {count} page(s) of {Size} articles.");
        }

        page = new ListPage(number, count);
        return null;
    }
}
