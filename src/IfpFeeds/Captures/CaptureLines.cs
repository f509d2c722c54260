using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace IfpFeeds.Captures;

/// <summary>The line rules of ARTICLE-FORMAT.md: "Line ends: LF, CRLF or CR", each line trimmed and its white space folded.</summary>
internal static class CaptureLines
{
    /// <summary>
    /// The lines of <paramref name="text"/>, split at LF, CRLF and CR, as ranges of it, added to <paramref name="lines"/>:
    /// nothing is copied until a line is kept (<see cref="Fold(ReadOnlySpan{char})"/>), so a capture's text is never held twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Split(ReadOnlySpan<char> text, List<Range> lines)
    {
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
    /// <remarks>
    /// Every character of every capture passes here, during a start, before tiering would optimise library code
    /// (<c>SearchValues</c> ran at tier 0 then: bench/README.md). So eight characters are looked at at once: a block is
    /// looked at one by one only when it holds a character below the space (tab, line ends), one above U+0084 (U+0085,
    /// U+00A0 and every other white space beyond ASCII), or a space followed by a space.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NeedsFolding(ReadOnlySpan<char> span)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            var space = Vector128.Create((ushort)' ');
            var aboveAscii = Vector128.Create((ushort)0x84);
            var width = Vector128<ushort>.Count;
            for (; i + width < span.Length; i += width) // the character after the block is read too
            {
                var here = Vector128.LoadUnsafe(ref first, (nuint)i);
                var next = Vector128.LoadUnsafe(ref first, (nuint)(i + 1));
                var suspect = Vector128.LessThan(here, space) | Vector128.GreaterThan(here, aboveAscii)
                    | (Vector128.Equals(here, space) & Vector128.Equals(next, space));
                if (suspect != Vector128<ushort>.Zero && NeedsFolding(span, i, i + width))
                {
                    return true;
                }
            }
        }

        return NeedsFolding(span, i, span.Length);
    }

    /// <summary>Whether a character of <paramref name="span"/> from <paramref name="from"/> up to <paramref name="to"/> is white space
    /// other than a single space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool NeedsFolding(ReadOnlySpan<char> span, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }
}
