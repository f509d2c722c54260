namespace IfpFeeds.CaptureGenerator;

/// <summary>
/// Writes a relative time the way the source site's sidebar does (ARTICLE-FORMAT.md, "Relative times",
/// the writing table): nearest unit, rounded half up, at least 1, singular for 1, rolled over to the next
/// unit at 60 minutes, 24 hours and 7 days. Written here independently of the service's own code, so the
/// generated captures are an outside check of the parser rather than a mirror of it.
/// </summary>
internal static class RelativeTimeText
{
    private const long Minute = 60, Hour = 3_600, Day = 86_400, Week = 7 * Day, Month = 30 * Day, Year = 365 * Day;

    public static string Write(long elapsedSeconds, bool shortStyle)
    {
        var d = elapsedSeconds;
        if (d <= 0)
        {
            return "just now";
        }

        if (d < Minute)
        {
            return Ago(d, shortStyle ? "sec" : "second");
        }

        if (d < Hour)
        {
            var n = RoundHalfUp(d, Minute);
            return n >= 60 ? Ago(1, "hour") : Ago(n, shortStyle ? "min" : "minute");
        }

        if (d < Day)
        {
            var n = RoundHalfUp(d, Hour);
            return n >= 24 ? Ago(1, "day") : Ago(n, "hour");
        }

        if (d < Week)
        {
            var n = RoundHalfUp(d, Day);
            return n >= 7 ? Ago(1, "week") : Ago(n, "day");
        }

        if (d < Month)
        {
            return Ago(RoundHalfUp(d, Week), "week");
        }

        return d < Year ? Ago(RoundHalfUp(d, Month), "month") : Ago(RoundHalfUp(d, Year), "year");
    }

    private static long RoundHalfUp(long value, long unit) => Math.Max(1, (value + (unit / 2)) / unit);

    private static string Ago(long n, string unit) => n == 1 ? $"1 {unit} ago" : $"{n} {unit}s ago";
}
