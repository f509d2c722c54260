using System.Runtime.CompilerServices;

namespace IfpFeeds.Captures;

/// <summary>The line rules of ARTICLE-FORMAT.md: "Line ends: LF, CRLF or CR", each line trimmed and its white space folded.</summary>
internal static class CaptureLines
{
    /// <summary>
    /// The lines of <paramref name="text"/>, split at LF, CRLF and CR, as ranges of it: nothing is copied until a line
    /// is kept (<see cref="Fold(ReadOnlySpan{char})"/>), so a capture's text is never held twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<Range> Split(ReadOnlySpan<char> text)
    {
        var lines = new List<Range>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text[start..].IndexOfAny('\n', '\r');
            if (end < 0)
            {
                lines.Add(start..text.Length);
                break;
            }

            end += start;
            lines.Add(start..end);
            start = text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
        }

        return lines;
    }

    /// <summary>Trims the line and folds each run of white space to one space, as a new string (empty for a blank line).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Fold(ReadOnlySpan<char> line)
    {
        var span = line.Trim();
        if (span.Length == 0)
        {
            return string.Empty;
        }

        if (!NeedsFolding(span))
        {
            return new string(span);
        }

        // The trimmed span has no white space at either end, so a run inside it is always followed by a character kept.
        var length = 0;
        var inSpace = false;
        foreach (var c in span)
        {
            var space = char.IsWhiteSpace(c);
            length += space && inSpace ? 0 : 1;
            inSpace = space;
        }

        return string.Create(length, span, static (into, from) =>
        {
            var at = 0;
            var inSpace = false;
            foreach (var c in from)
            {
                var space = char.IsWhiteSpace(c);
                if (!(space && inSpace))
                {
                    into[at++] = space ? ' ' : c;
                }

                inSpace = space;
            }
        });
    }

    /// <summary>Whether a trimmed line holds white space other than single spaces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NeedsFolding(ReadOnlySpan<char> span)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
