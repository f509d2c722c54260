using System.Buffers;
using System.Globalization;
using System.Text;
using IfpFeeds.Http;

namespace IfpFeeds.Search;

/// <summary>
/// A search's <c>q</c>: given once, 1–<see cref="MaxLength"/> characters after trimming, no control characters, and
/// something left once folded (<see cref="SearchText"/>); anything else is a 400 problem+json.
/// </summary>
/// <param name="Text">The query as the person wrote it, trimmed: shown, and in the URLs of its feeds and pages.</param>
/// <param name="Folded">What is searched for (UTF-8, folded).</param>
public sealed record SearchQuery(string Text, byte[] Folded)
{
    /// <summary>The longest query, in characters (Unicode scalar values).</summary>
    public const int MaxLength = 100;

    /// <summary>What the articles' folded text is scanned for (<see cref="SearchText.Needle"/>).</summary>
    public byte[] Needle { get; } = SearchText.Needle(Folded);

    /// <summary>The folded query as a key: equal for every spelling that searches for the same thing.</summary>
    public string Key { get; } = Encoding.UTF8.GetString(Folded);

    /// <summary>The query string that gives this search: <c>q=…</c>, escaped.</summary>
    public string QueryString => "q=" + Uri.EscapeDataString(Text);

    /// <summary>Reads <c>q</c>; <paramref name="required"/> false lets it be absent (the search page's empty form), then <paramref name="query"/> is null.</summary>
    public static IResult? TryRead(HttpRequest request, bool required, out SearchQuery? query)
    {
        query = null;
        if (!request.Query.TryGetValue("q", out var values))
        {
            return required ? Invalid("'q' is required: /feeds/search.rss?q=oil") : null;
        }

        if (values.Count != 1)
        {
            return Invalid("'q' must be given once.");
        }

        var text = (values[0] ?? "").Trim();
        var length = 0;
        for (var rest = text.AsSpan(); !rest.IsEmpty; length++)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done)
            {
                return Invalid("'q' is not valid text (a lone surrogate).");
            }

            if (Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune))
            {
                return Invalid("'q' must not hold control characters.");
            }

            rest = rest[used..];
        }

        if (length is 0 or > MaxLength)
        {
            return Invalid(length == 0
                ? $"'q' must hold 1 to {MaxLength} characters; it was empty."
                : $"'q' must hold 1 to {MaxLength} characters; it held {length.ToString(CultureInfo.InvariantCulture)}.");
        }

        var folded = SearchText.FoldQuery(text);
        if (folded.Length == 0)
        {
            return Invalid("'q' holds nothing to search for (only marks or invisible characters).");
        }

        query = new SearchQuery(text, folded);
        return null;
    }

    private static IResult Invalid(string detail) => Problems.BadRequest("Invalid 'q'", detail);
}
