using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace IfpFeeds.Captures;

/// <summary>
/// Reads the site's relative times (ARTICLE-FORMAT.md, "Relative times"): <c>N UNIT ago</c>,
/// <c>a/an/one UNIT ago</c>, and the phrases <c>just now</c>, <c>moments ago</c>,
/// <c>a few seconds ago</c>, <c>yesterday</c>. Case-insensitive; white space must already be folded.
/// </summary>
public static partial class RelativeTime
{
    /// <summary>Seconds in each unit of the grammar: a month is 30 days and a year 365 days.</summary>
    public const long Second = 1, Minute = 60, Hour = 3_600, Day = 86_400, Week = 604_800, Month = 2_592_000, Year = 31_536_000;

    /// <summary>N is capped at 999 so that any capture time minus N × a year stays inside <see cref="DateTimeOffset"/>'s range.</summary>
    public const long MaxCount = 999;

    [GeneratedRegex(
        @"^(?:(?<n>\d{1,9})|(?<one>a|an|one)) (?<unit>secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|wks?|weeks?|mo|months?|yrs?|years?) ago$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountedForm();

    /// <summary>Reads <paramref name="text"/> (one folded line); false when it is not a relative time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead(string text, out RelativeTimeReading reading)
    {
        reading = default;
        if (text.Length is 0 or > 40)
        {
            return false;
        }

        // The phrases: "just now", "moments ago", "a few seconds ago" are 0 s ± 30 s; "yesterday" is 1 day ± 12 h.
        if (text.Equals("just now", StringComparison.OrdinalIgnoreCase)
            || text.Equals("moments ago", StringComparison.OrdinalIgnoreCase)
            || text.Equals("a few seconds ago", StringComparison.OrdinalIgnoreCase))
        {
            reading = new RelativeTimeReading(0, 30);
            return true;
        }

        if (text.Equals("yesterday", StringComparison.OrdinalIgnoreCase))
        {
            reading = new RelativeTimeReading(Day, Day / 2);
            return true;
        }

        var match = CountedForm().Match(text);
        if (!match.Success)
        {
            return false;
        }

        long count = 1;
        if (match.Groups["n"].Success)
        {
            count = Math.Min(long.Parse(match.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture), MaxCount);
        }

        var unit = UnitSeconds(match.Groups["unit"].ValueSpan);

        // N × unit, ± half a unit: the site rounds to the nearest unit.
        reading = new RelativeTimeReading(count * unit, unit / 2.0);
        return true;
    }

    private static long UnitSeconds(ReadOnlySpan<char> unit)
    {
        var u = char.ToLowerInvariant(unit[0]);
        var second = unit.Length > 1 ? char.ToLowerInvariant(unit[1]) : '\0';
        return u switch
        {
            's' => Second,
            'h' => Hour,
            'd' => Day,
            'w' => Week,
            'y' => Year,
            'm' when second == 'i' => Minute, // min, mins, minute, minutes
            'm' => Month,                      // mo, month, months
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit.ToString(), "not a unit of the grammar"),
        };
    }
}
