using System.Runtime.CompilerServices;
using System.Text;

namespace IfpFeeds.Captures;

/// <summary>The line rules of ARTICLE-FORMAT.md: "Line ends: LF, CRLF or CR", each line trimmed and its white space folded.</summary>
internal static class CaptureLines
{
    /// <summary>The lines of <paramref name="text"/>, split at LF, CRLF and CR.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string> Split(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Trims the line and folds each run of white space to one space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Fold(string line)
    {
        var span = line.AsSpan().Trim();
        if (span.Length == 0)
        {
            return string.Empty;
        }

        var needsFolding = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                needsFolding = true;
                break;
            }
        }

        if (!needsFolding)
        {
            return span.Length == line.Length ? line : span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        var inSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }

        return sb.ToString();
    }
}
