using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace IfpFeeds.Captures;

/// <summary>The optional header between two <c>---</c> lines, one <c>key: value</c> a line.</summary>
internal sealed class FrontMatter
{
    /// <summary>ISO 8601 forms accepted in front matter; a date without an offset is UTC.</summary>
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    public string? Url { get; private set; }
    public DateTimeOffset? Published { get; private set; }
    public DateTimeOffset? Updated { get; private set; }
    public DateTimeOffset? Captured { get; private set; }
    public string? Section { get; private set; }
    public string? Title { get; private set; }
    public string? Author { get; private set; }
    public string? Image { get; private set; }
    public ImmutableArray<string> Tags { get; private set; } = [];

    /// <summary>Takes one header line; returns an error naming the key or line, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Add(string line, int lineNumber)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return $"front matter line {lineNumber} is not 'key: value'";
        }

        var key = line[..colon].Trim().ToLowerInvariant();
        var value = CaptureLines.Fold(line.AsSpan(colon + 1));
        var empty = value.Length == 0;
        switch (key)
        {
            case "url":
            case "image":
                if (empty)
                {
                    return null;
                }

                if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    return $"front matter '{key}' is not an absolute http(s) URL: '{Shorten(value)}'";
                }

                if (key == "url")
                {
                    Url = uri.AbsoluteUri;
                }
                else
                {
                    Image = uri.AbsoluteUri;
                }

                return null;
            case "published":
            case "updated":
            case "captured":
                if (empty)
                {
                    return null;
                }

                if (!TryParseIsoDate(value, out var date))
                {
                    return $"front matter '{key}' is not an ISO 8601 date-time (e.g. 2024-05-05T10:30:00Z): '{Shorten(value)}'";
                }

                _ = key switch
                {
                    "published" => Published = date,
                    "updated" => Updated = date,
                    _ => Captured = date,
                };
                return null;
            case "section":
                Section = empty ? null : value;
                return null;
            case "title":
                Title = empty ? null : value;
                return null;
            case "author":
                Author = empty ? null : value;
                return null;
            case "tags":
                Tags = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
                return null;
            default:
                return null; // unknown keys are kept and ignored
        }
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    /// <summary>ISO 8601 only (never a culture's <c>03/05/2024</c>); no offset means UTC.</summary>
    internal static bool TryParseIsoDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
}
