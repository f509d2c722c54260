using System.Globalization;

namespace IfpFeeds.Http;

/// <summary>
/// Strict reading of optional query parameters: given at most once, in one exact form, else a 400
/// problem. Unknown parameters are never looked at (so they cannot change an answer or a cache key).
/// </summary>
public static class QueryParameters
{
    /// <summary>
    /// Reads <paramref name="name"/> as a whole number from 1 to <paramref name="max"/> in plain decimal
    /// digits (no sign, no exponent, no white space); <paramref name="fallback"/> when absent. Returns the
    /// problem to answer, or null.
    /// </summary>
    public static IResult? TryReadInt(IQueryCollection query, string name, int fallback, int max, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.Count == 1 ? values[0] : null;
        if (text is { Length: > 0 and <= 7 }
            && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= 1 && value <= max)
        {
            return null;
        }

        value = fallback;
        return Problems.InvalidNumber(name, max);
    }

    /// <summary>Reads <paramref name="name"/> as one of <paramref name="allowed"/> (exact, given once); the first when absent.</summary>
    public static IResult? TryReadChoice(IQueryCollection query, string name, string[] allowed, out string value)
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

        return Problems.BadRequest($"Invalid '{name}'", $"'{name}' must be given once, as one of: {string.Join(", ", allowed)}.");
    }
}
