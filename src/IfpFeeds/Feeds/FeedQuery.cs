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

    /// <summary>Reads an optional whole-number parameter from 1 to <paramref name="max"/>.</summary>
    public static ProblemHttpResult? TryReadInt(IQueryCollection query, string name, int fallback, int max, out int value) =>
        TryReadOne(query, name, fallback, max, out value);

    /// <summary>Reads an optional parameter that must be one of <paramref name="allowed"/> (exact, given once).</summary>
    public static ProblemHttpResult? TryReadChoice(IQueryCollection query, string name, string[] allowed, out string value)
    {
        value = allowed[0];
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count == 1 && Array.IndexOf(allowed, values[0]) >= 0)
        {
            value = values[0]!;
            return null;
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid '{name}'",
            detail: $"'{name}' must be given once, as one of: {string.Join(", ", allowed)}.");
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
