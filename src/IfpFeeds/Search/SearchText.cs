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
/// Fields are joined with a line feed, which no folded query holds, so no match spans two fields. A match starts at the
/// start of a word (<see cref="Needle"/>).
/// </summary>
public static class SearchText
{
    /// <summary>What separates fields in a folded text: a line feed, which no folded query holds, then the space that starts every word.</summary>
    public const string Separator = "\n ";

    private const char Space = ' ';

    // The folded form of every BMP character, Folds[Starts[c]..Starts[c + 1]], and whether it is a word character; made once (~20 ms).
    private static readonly Lazy<(char[] Folds, int[] Starts, bool[] Word)> Table = new(BuildTable);

    /// <summary>
    /// The folded form of an article's fields <paramref name="first"/> and <paramref name="rest"/> (a title, then
    /// paragraphs): a space, then each field folded, joined by <see cref="Separator"/>. Every word then starts after a
    /// space: a word that follows punctuation (<c>(oil</c>, <c>non-oil</c>) gets one put before it, as queries do.
    /// </summary>
    public static byte[] FoldFields(string first, IReadOnlyList<string> rest)
    {
        var length = 1 + MaxFoldedLength(first);
        foreach (var field in rest)
        {
            length += Separator.Length + MaxFoldedLength(field);
        }

        var chars = ArrayPool<char>.Shared.Rent(length);
        try
        {
            chars[0] = Space;
            var written = FoldInto(first, chars, 1);
            foreach (var field in rest)
            {
                Separator.CopyTo(chars.AsSpan(written));
                written = FoldInto(field, chars, written + Separator.Length);
            }

            return Encoding.UTF8.GetBytes(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The folded form of a query, without the leading space: empty when nothing in it survives folding.</summary>
    public static byte[] FoldQuery(string query)
    {
        var chars = ArrayPool<char>.Shared.Rent(MaxFoldedLength(query));
        try
        {
            return Encoding.UTF8.GetBytes(chars, 0, FoldInto(query, chars, 0));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>
    /// What a folded query is looked for as: a query that starts with a letter or a digit matches only at the start of a
    /// word ("oil" finds "oil" and "oilfield", not "soil"), so it is looked for after a space. One that starts with
    /// anything else, or with a letter of a script written without spaces (Chinese, Japanese, Thai…), may start anywhere.
    /// </summary>
    public static byte[] Needle(byte[] foldedQuery) =>
        Rune.DecodeFromUtf8(foldedQuery, out var rune, out _) == OperationStatus.Done && IsWordCharacter(rune) ? [(byte)Space, .. foldedQuery] : foldedQuery;

    /// <summary>Whether the folded <paramref name="text"/> holds <paramref name="needle"/> (<see cref="Needle"/>): one vectorized scan.</summary>
    public static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> needle) => text.IndexOf(needle) >= 0;

    /// <summary>A letter or digit of a script that separates words with spaces.</summary>
    private static bool IsWordCharacter(Rune rune) =>
        Rune.IsLetterOrDigit(rune) && rune.Value is not ((>= 0x0E00 and <= 0x109F) or (>= 0x1780 and <= 0x17FF) // Thai, Lao, Tibetan, Myanmar; Khmer
            or (>= 0x2E80 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF66 and <= 0xFF9F) or >= 0x20000); // CJK, kana

    /// <summary>At least the length of <paramref name="text"/> folded: one character may fold to many (<c>ß</c>, <c>ﷺ</c>), each after a space.</summary>
    private static int MaxFoldedLength(string text)
    {
        var starts = Table.Value.Starts;
        var length = 0;
        foreach (var c in text)
        {
            length += char.IsSurrogate(c) ? 2 : 2 * (starts[c + 1] - starts[c]);
        }

        return length;
    }

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="output"/> from <paramref name="at"/>: white space runs as one
    /// space, none at either end, and a space before a word that follows punctuation; returns the new end. The output
    /// has room for <see cref="MaxFoldedLength"/>.
    /// </summary>
    private static int FoldInto(string text, char[] output, int at)
    {
        var (folds, starts, words) = Table.Value;
        var start = at;
        var pendingSpace = false;
        var afterWord = false;
        var afterSpace = true; // a field starts after a space, or is a query
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
                    afterSpace = true;
                }

                var word = !char.IsSurrogate(f) && words[f];
                if (word && !afterWord && !afterSpace)
                {
                    output[at++] = Space; // "(oil" → "( oil": the word starts after a space
                }

                output[at++] = f;
                afterWord = word;
                afterSpace = false;
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

    private static (char[], int[], bool[]) BuildTable()
    {
        var folds = new List<char>(70_000);
        var starts = new int[0x10001];
        var words = new bool[0x10000];
        for (var c = 0; c <= 0xFFFF; c++)
        {
            starts[c] = folds.Count;
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                continue;
            }

            words[c] = IsWordCharacter(new Rune(ch));

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
        return (folds.ToArray(), starts, words);
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
