using System.Text;

namespace IfpFeeds.Feeds;

/// <summary>
/// Removes what cannot or should not be written into XML 1.0 (§2.2 Char): C0 controls other than tab,
/// line feed and carriage return, C1 controls, lone surrogates, U+FFFE and U+FFFF. Whatever a capture
/// holds, no feed is ever malformed because of it.
/// </summary>
public static class SafeText
{
    public static string Clean(string text)
    {
        var firstBad = IndexOfBad(text);
        if (firstBad < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsAllowed(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static string? CleanOrNull(string? text) => text is null ? null : Clean(text);

    private static int IndexOfBad(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!IsAllowed(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsAllowed(char c) =>
        c switch
        {
            '\t' or '\n' or '\r' => true,
            < '\u0020' => false,
            >= '\u007F' and <= '\u009F' => false,
            >= '\uD800' and <= '\uDFFF' => false, // a surrogate not in a valid pair
            '\uFFFE' or '\uFFFF' => false,
            _ => true,
        };
}
