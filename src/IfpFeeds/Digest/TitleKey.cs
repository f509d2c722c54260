using System.Text;

namespace IfpFeeds.Digest;

/// <summary>
/// The identity of a post across captures: its title folded for case, white space, typographic quotes
/// and dashes, and a trailing ellipsis, so <c>Trump ‘not happy’ with Russia…</c> and
/// <c>trump 'not happy'  with russia</c> are one post.
/// </summary>
public static class TitleKey
{
    public static string Fold(string title)
    {
        var normalized = title.IsNormalized(NormalizationForm.FormKC) ? title : title.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        Span<char> utf16 = stackalloc char[2];
        var pendingSpace = false;
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            switch (rune.Value)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '`':
                    sb.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    sb.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    sb.Append('-');
                    break;
                default:
                    var written = Rune.ToLowerInvariant(rune).EncodeToUtf16(utf16);
                    sb.Append(utf16[..written]);
                    break;
            }
        }

        // A trailing ellipsis (… or ...) is the site cutting the title short.
        var end = sb.Length;
        while (true)
        {
            while (end > 0 && sb[end - 1] == ' ')
            {
                end--;
            }

            if (end > 0 && sb[end - 1] == '…')
            {
                end--;
            }
            else if (end >= 3 && sb[end - 1] == '.' && sb[end - 2] == '.' && sb[end - 3] == '.')
            {
                end -= 3;
            }
            else
            {
                break;
            }
        }

        return sb.ToString(0, end);
    }
}
