using System.Globalization;
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
        var sb = new StringBuilder(title.Length);
        var pendingSpace = false;
        foreach (var rune in title.Normalize(NormalizationForm.FormKC).EnumerateRunes())
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

            var folded = rune.Value switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '`' => "'",
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
                _ => Rune.ToLowerInvariant(rune).ToString(),
            };
            sb.Append(folded);
        }

        // A trailing ellipsis (… or ...) is the site cutting the title short.
        var key = sb.ToString().TrimEnd();
        while (key.EndsWith('…') || key.EndsWith("...", StringComparison.Ordinal))
        {
            key = (key.EndsWith('…') ? key[..^1] : key[..^3]).TrimEnd();
        }

        return key;
    }
}
