using System.Text.RegularExpressions;

namespace IfpFeeds.Feeds;

/// <summary>
/// Titles are plain text everywhere (the RSS Best Practices Profile; WordPress strips tags from feed titles): many
/// readers show a title as HTML, so a capture whose title holds something that looks like markup
/// (<c>&lt;script&gt;alert(1)&lt;/script&gt;</c>, <c>&lt;b&gt;</c>, a comment) must not have it rendered or run, and
/// the W3C validator must find no <c>ContainsHTML</c>. Tags and comments are removed and white space folded; text
/// that only resembles a tag (<c>a &lt; b</c>, <c>&lt;3</c>) is kept. The JSON API keeps the title as parsed.
/// </summary>
public static partial class PlainText
{
    [GeneratedRegex(@"<!--.*?(-->|$)|<!\[CDATA\[.*?(\]\]>|$)|</?[A-Za-z][A-Za-z0-9:-]*(\s[^<>]*)?/?>|</?[A-Za-z][A-Za-z0-9:-]*\s[^<>]*$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Runs();

    /// <summary>Any short text a feed shows as text (a summary, a section, tag or author name): <see cref="Title"/>'s rule.</summary>
    public static string Of(string text) => Title(text);

    /// <summary><paramref name="title"/> without markup; if nothing but markup was there, its text with the angle brackets removed.</summary>
    public static string Title(string title)
    {
        if (title.IndexOf('<') < 0)
        {
            return title; // the common case: nothing to look at
        }

        var plain = Runs().Replace(Markup().Replace(title, " "), " ").Trim();
        return plain.Length > 0 ? plain : title.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal).Trim();
    }
}
