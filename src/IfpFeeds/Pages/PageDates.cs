using System.Globalization;

namespace IfpFeeds.Pages;

/// <summary>How pages write dates: machine-readable in <c>&lt;time datetime&gt;</c>, readable in the text, always UTC and invariant.</summary>
public static class PageDates
{
    /// <summary>A valid global date and time string (HTML §2.3.5.7, the RFC 3339 subset): <c>2024-05-05T10:00:00Z</c>.</summary>
    public static string Machine(DateTimeOffset date) =>
        date.UtcDateTime.ToString(date.Millisecond == 0 && date.Microsecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            CultureInfo.InvariantCulture);

    /// <summary><c>4 May 2024, 05:45 UTC</c>.</summary>
    public static string DateAndTime(DateTimeOffset date) => date.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><c>4 May 2024</c>.</summary>
    public static string Date(DateTimeOffset date) => date.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
