using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IfpFeeds.Feeds;

/// <summary>
/// The two query parameters a feed takes, validated strictly: <c>limit</c> 1–200 (default 50) and
/// <c>page</c> from 1 (default 1), plain decimal digits only. Anything else is a 400 problem+json;
/// unknown parameters are ignored.
/// </summary>
public static class FeedQuery
{
    public static bool TryRead(IQueryCollection query, out int limit, out int page, out ProblemHttpResult? problem)
    {
        page = 1;
        problem = TryReadOne(query, "limit", FeedBuilder.DefaultLimit, FeedBuilder.MaxLimit, out limit)
            ?? TryReadOne(query, "page", 1, 1_000_000, out page);
        return problem is null;
    }

    private static ProblemHttpResult? TryReadOne(IQueryCollection query, string name, int fallback, int max, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.Count == 1 ? values[0] : null;
        if (text is { Length: > 0 and <= 7 }
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= 1 && value <= max)
        {
            return null;
        }

        value = fallback;
        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid '{name}'",
            detail: $"'{name}' must be given once, as a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}.");
    }
}
