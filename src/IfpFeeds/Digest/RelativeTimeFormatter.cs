namespace IfpFeeds.Digest;

/// <summary>
/// Writes relative times in the source site's style (WordPress rounding: nearest unit, half up, at least
/// 1), and says when a label will next change, so caches can keep it exactly that long. The same rules
/// are in <c>Digest/recent.js</c>; one table tests both.
/// </summary>
public static class RelativeTimeFormatter
{
    private const double Minute = 60, Hour = 3_600, Day = 86_400, Week = 7 * Day, Month = 30 * Day, Year = 365 * Day;

    /// <summary>The label for <paramref name="elapsedSeconds"/> between the post and now.</summary>
    public static string Format(double elapsedSeconds, LabelStyle style = LabelStyle.Long)
    {
        var (n, unit) = Count(elapsedSeconds);
        if (n == 0)
        {
            return "just now";
        }

        var word = (unit, style) switch
        {
            (Unit.Second, LabelStyle.Short) => n == 1 ? "sec" : "secs",
            (Unit.Second, _) => n == 1 ? "second" : "seconds",
            (Unit.Minute, LabelStyle.Short) => n == 1 ? "min" : "mins",
            (Unit.Minute, _) => n == 1 ? "minute" : "minutes",
            (Unit.Hour, _) => n == 1 ? "hour" : "hours",
            (Unit.Day, _) => n == 1 ? "day" : "days",
            (Unit.Week, _) => n == 1 ? "week" : "weeks",
            (Unit.Month, _) => n == 1 ? "month" : "months",
            _ => n == 1 ? "year" : "years",
        };
        return $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {word} ago";
    }

    /// <summary>
    /// The smallest elapsed time after <paramref name="elapsedSeconds"/> at which the label differs
    /// (in either style: the short style changes exactly when the long one does).
    /// </summary>
    public static double NextChange(double elapsedSeconds)
    {
        var current = Count(elapsedSeconds);
        var d = elapsedSeconds;
        for (var i = 0; i < 8; i++)
        {
            var candidate = NextBoundary(d);
            if (Count(candidate) != current)
            {
                return candidate;
            }

            d = candidate;
        }

        return d; // not reached: labels always change within a few boundaries
    }

    /// <summary>N and its unit for an elapsed time; N = 0 means "just now".</summary>
    internal static (long N, Unit Unit) Count(double d)
    {
        if (!(d > 0))
        {
            return (0, Unit.Second);
        }

        var (unit, size, upper) = Bracket(d);
        var n = Math.Max(1, (long)Math.Floor(d / size + 0.5));

        // Where rounding reaches the next unit (60 s, 60 min, 24 h, 7 days), write it in that unit.
        if (upper is { } bound && n * size >= bound)
        {
            return (1, unit + 1);
        }

        return (n, unit);
    }

    /// <summary>The next elapsed time at which N could change: a half unit, or the end of the bracket.</summary>
    private static double NextBoundary(double d)
    {
        if (!(d > 0))
        {
            return BitConverter.Int64BitsToDouble(1); // the smallest positive elapsed time
        }

        var (_, size, upper) = Bracket(d);
        var k = Math.Floor(d / size + 0.5);
        var half = (k + 0.5) * size;
        if (half <= d)
        {
            half += size;
        }

        var bracketEnd = upper ?? double.PositiveInfinity;
        return Math.Min(half, bracketEnd);
    }

    private static (Unit Unit, double Size, double? Upper) Bracket(double d) => d switch
    {
        < Minute => (Unit.Second, 1, Minute),
        < Hour => (Unit.Minute, Minute, Hour),
        < Day => (Unit.Hour, Hour, Day),
        < Week => (Unit.Day, Day, Week),
        < Month => (Unit.Week, Week, Month),
        < Year => (Unit.Month, Month, Year),
        _ => (Unit.Year, Year, null),
    };

    internal enum Unit
    {
        Second,
        Minute,
        Hour,
        Day,
        Week,
        Month,
        Year,
    }
}
