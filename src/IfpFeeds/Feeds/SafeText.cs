using System.Buffers;
using System.Text;

namespace IfpFeeds.Feeds;

/// <summary>
/// Removes what cannot or should not be written into XML 1.0 (§2.2 Char): C0 controls other than tab,
/// line feed and carriage return, C1 controls, lone surrogates, U+FFFE and U+FFFF. Whatever a capture
/// holds, no feed is ever malformed because of it.
/// </summary>
public static class SafeText
{
    /// <summary>The characters never allowed, found with a vectorised search (surrogates are checked apart).</summary>
    private static readonly SearchValues<char> Disallowed = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\uFFFE\uFFFF");

    public static string Clean(string text)
    {
        // The common case, clean text, costs two vectorised scans.
        if (!text.AsSpan().ContainsAny(Disallowed) && !text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }

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
