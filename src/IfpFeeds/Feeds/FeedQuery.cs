using System.Globalization;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// The two query parameters a feed takes, validated strictly: <c>limit</c> 1–200 (default 50) and
/// <c>page</c> from 1 (default 1), plain decimal digits only. Anything else is a 400 problem+json;
/// unknown parameters are ignored.
/// </summary>
public static class FeedQuery
{
    /// <summary>Reads the page a feed request asks for; returns the problem to answer, or null.</summary>
    public static IResult? TryRead(HttpRequest request, out FeedPage page)
    {
        page = FeedPage.First;
        if (!request.QueryString.HasValue)
        {
            return null; // no query: the request's Query (a parsed collection, allocated on first use) is never made
        }

        var query = request.Query;

        if (QueryParameters.TryReadInt(query, "limit", FeedPage.DefaultLimit, FeedPage.MaxLimit, out var limit) is { } badLimit)
        {
            return badLimit;
        }

        if (QueryParameters.TryReadInt(query, "page", 1, FeedPage.MaxNumber, out var number) is { } badPage)
        {
            return badPage;
        }

        page = new FeedPage(limit, number);
        return null;
    }

    /// <summary>The query a page's URL carries: only what differs from the defaults, in a fixed order.</summary>
    public static string? Of(FeedPage page) =>
        (page.Limit == FeedPage.DefaultLimit, page.Number == 1) switch
        {
            (true, true) => null,
            (true, false) => $"page={page.Number.ToString(CultureInfo.InvariantCulture)}",
            (false, true) => $"limit={page.Limit.ToString(CultureInfo.InvariantCulture)}",
            _ => $"limit={page.Limit.ToString(CultureInfo.InvariantCulture)}&page={page.Number.ToString(CultureInfo.InvariantCulture)}",
        };
}
