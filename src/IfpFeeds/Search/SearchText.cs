using System.Buffers;
using System.Globalization;
using System.Text;

namespace IfpFeeds.Search;

/// <summary>
/// The folded form search compares, as UTF-8: a text and a query match when the query's folded form occurs in the
/// text's. Folding is per character, so a literal match survives it:
/// <list type="bullet">
/// <item>case: lower-cased (invariant), <c>ß</c> → <c>ss</c>, final sigma → sigma;</item>
/// <item>accents and width: compatibility decomposition (NFKD) without its marks, so <c>É</c>, <c>ﬁ</c>,
/// fullwidth <c>ＩＲＡＮ</c>, Arabic presentation forms and <c>آ أ إ</c> fold to their base letters, and Persian
/// and Arabic vowel marks (harakat) drop;</item>
/// <item>Persian and Arabic spellings of one letter: Arabic <c>ي ى</c> → Persian <c>ی</c>, <c>ك</c> → <c>ک</c>,
/// <c>ة ە</c> → <c>ه</c>, <c>ٱ</c> → <c>ا</c>; the zero-width non-joiner (the Persian half-space), other
/// format characters and the kashida (<c>ـ</c>) drop, so <c>می‌شود</c> matches <c>میشود</c>;</item>
/// <item>digits of every script → ASCII (<c>۱۴۰۳</c> matches <c>1403</c>), every quotation mark → <c>'</c> or
/// <c>"</c>, every dash → <c>-</c>, every run of white space → one space.</item>
/// </list>
/// Fields are joined with a line feed, which no folded query holds, so no match spans two fields.
/// </summary>
public static class SearchText
{
    /// <summary>The field separator in a folded text: folding turns every line break into a space, so no query holds it.</summary>
    public const byte Separator = (byte)'\n';

    private const char Space = ' ';

    // The folded form of every BMP character: Folds[Starts[c]..Starts[c + 1]], made once (~20 ms).
    private static readonly Lazy<(char[] Folds, int[] Starts)> Table = new(BuildTable);

    /// <summary>The folded form of the fields <paramref name="first"/> and <paramref name="rest"/> (a title, then paragraphs), joined by <see cref="Separator"/>.</summary>
    public static byte[] Fold(string first, IReadOnlyList<string> rest)
    {
        var length = FoldedLength(first) + rest.Count;
        foreach (var field in rest)
        {
            length += FoldedLength(field);
        }

        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var written = FoldInto(first, chars, 0);
            foreach (var field in rest)
            {
                chars[written++] = (char)Separator;
                written = FoldInto(field, chars, written);
            }

            return Encoding.UTF8.GetBytes(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="query"/> (both folded) at the start of a word: "oil" finds
    /// "oil" and "oilfield", not "soil". A query that starts with neither a letter nor a digit, or with a letter of a
    /// script written without spaces (Chinese, Japanese, Thai…), may start anywhere.
    /// </summary>
    public static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> query)
    {
        var wordStart = StartsWithWordCharacter(query);
        var from = 0;
        while (true)
        {
            var found = text[from..].IndexOf(query);
            if (found < 0)
            {
                return false;
            }

            var at = from + found;
            if (!wordStart || at == 0 || !EndsWithWordCharacter(text[..at]))
            {
                return true;
            }

            from = at + 1;
        }
    }

    private static bool StartsWithWordCharacter(ReadOnlySpan<byte> folded) =>
        Rune.DecodeFromUtf8(folded, out var rune, out _) == OperationStatus.Done && IsWordCharacter(rune);

    private static bool EndsWithWordCharacter(ReadOnlySpan<byte> folded) =>
        folded[^1] < 0x80
            ? char.IsAsciiLetterOrDigit((char)folded[^1])
            : Rune.DecodeLastFromUtf8(folded, out var rune, out _) == OperationStatus.Done && IsWordCharacter(rune);

    /// <summary>A letter or digit of a script that separates words with spaces.</summary>
    private static bool IsWordCharacter(Rune rune) =>
        Rune.IsLetterOrDigit(rune) && rune.Value is not ((>= 0x0E00 and <= 0x109F) or (>= 0x1780 and <= 0x17FF) // Thai, Lao, Tibetan, Myanmar; Khmer
            or (>= 0x2E80 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF66 and <= 0xFF9F) or >= 0x20000); // CJK, kana

    /// <summary>The folded form of one text (a query): empty when nothing in it survives folding.</summary>
    public static byte[] Fold(string text) => Fold(text, []);

    /// <summary>At least the length of <paramref name="text"/> folded (one character may fold to many: <c>ß</c>, <c>ﷺ</c>).</summary>
    private static int FoldedLength(string text)
    {
        var starts = Table.Value.Starts;
        var length = 0;
        foreach (var c in text)
        {
            length += char.IsSurrogate(c) ? 1 : starts[c + 1] - starts[c];
        }

        return length;
    }

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="output"/> from <paramref name="at"/>, white space runs as one
    /// space, none at either end; returns the new end. The output has room for <see cref="FoldedLength"/>.
    /// </summary>
    private static int FoldInto(string text, char[] output, int at)
    {
        var (folds, starts) = Table.Value;
        var start = at;
        var pendingSpace = false;
        Span<char> pair = stackalloc char[2];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            scoped ReadOnlySpan<char> folded;
            if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    continue; // a lone surrogate is not text
                }

                folded = pair[..FoldSupplementary(new Rune(c, text[++i]), pair)];
            }
            else
            {
                folded = folds.AsSpan(starts[c], starts[c + 1] - starts[c]);
            }

            foreach (var f in folded)
            {
                if (f == Space)
                {
                    pendingSpace = at > start;
                    continue;
                }

                if (pendingSpace)
                {
                    output[at++] = Space;
                    pendingSpace = false;
                }

                output[at++] = f;
            }
        }

        return at;
    }

    /// <summary>A character outside the BMP (mathematical alphanumerics, emoji), decomposed and lower-cased, into <paramref name="buffer"/>; returns its length.</summary>
    private static int FoldSupplementary(Rune rune, Span<char> buffer)
    {
        var decomposed = Decompose(rune.ToString());
        if (decomposed.Length == 1)
        {
            buffer[0] = Fold1(decomposed[0]) ?? '\0';
            return buffer[0] == '\0' ? 0 : 1;
        }

        var lower = Rune.ToLowerInvariant(Rune.GetRuneAt(decomposed, 0));
        return Rune.GetUnicodeCategory(lower) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            ? 0
            : lower.EncodeToUtf16(buffer);
    }

    private static (char[], int[]) BuildTable()
    {
        var folds = new List<char>(70_000);
        var starts = new int[0x10001];
        for (var c = 0; c <= 0xFFFF; c++)
        {
            starts[c] = folds.Count;
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                continue;
            }

            var decomposed = Decompose(ch.ToString());
            foreach (var d in decomposed)
            {
                if (char.ToLowerInvariant(d) == 'ß')
                {
                    folds.Add('s');
                    folds.Add('s');
                }
                else if (Fold1(d) is { } f)
                {
                    folds.Add(f);
                }
            }
        }

        starts[0x10000] = folds.Count;
        return (folds.ToArray(), starts);
    }

    /// <summary>The compatibility decomposition (NFKD) of one character; itself where it has none the normalizer knows (U+FFFE).</summary>
    private static string Decompose(string character)
    {
        try
        {
            return character.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            return character; // a noncharacter: ICU refuses it
        }
    }

    /// <summary>One character of a decomposition, folded; null when it drops (a mark, a format character, the kashida).</summary>
    private static char? Fold1(char d)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(d))
        {
            case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format:
                return null;
            case UnicodeCategory.Control:
                return char.IsWhiteSpace(d) ? Space : null;
            case UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                return Space;
            case UnicodeCategory.DecimalDigitNumber when CharUnicodeInfo.GetDecimalDigitValue(d) is >= 0 and <= 9 and var digit:
                return (char)('0' + digit);
            case UnicodeCategory.DashPunctuation:
                return '-';
        }

        return d switch
        {
            '\u0640' => null, // kashida (tatweel): stretches a word, is not a letter
            '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '\u2039' or '\u203A' => '\'',
            '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
            '\u064A' or '\u0649' => '\u06CC', // Arabic yeh, alef maksura → Persian yeh
            '\u0643' => '\u06A9', // Arabic kaf → keheh
            '\u0629' or '\u06D5' => '\u0647', // teh marbuta, ae (what ۀ decomposes to) → heh
            '\u0671' => '\u0627', // alef wasla → alef
            '\u03C2' => '\u03C3', // final sigma → sigma
            _ => char.ToLowerInvariant(d),
        };
    }
}
