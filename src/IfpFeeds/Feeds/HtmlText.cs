using System.Buffers;
using System.Text;

namespace IfpFeeds.Feeds;

/// <summary>Minimal HTML text encoding: the five characters that matter, nothing else (Persian stays readable).</summary>
public static class HtmlText
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    public static void Encode(StringBuilder sb, string text)
    {
        // Runs of ordinary characters are copied whole; only the five specials are replaced.
        var rest = text.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(Special)) >= 0)
        {
            sb.Append(rest[..next]);
            EncodeOne(sb, rest[next]);
            rest = rest[(next + 1)..];
        }

        sb.Append(rest);
    }

    /// <summary>One paragraph of text as <c>&lt;p&gt;…&lt;/p&gt;</c>.</summary>
    public static string Paragraph(string text)
    {
        var sb = new StringBuilder(text.Length + 8).Append("<p>");
        Encode(sb, text);
        return sb.Append("</p>").ToString();
    }

    private static void EncodeOne(StringBuilder sb, char c)
    {
        _ = c switch
        {
            '&' => sb.Append("&amp;"),
            '<' => sb.Append("&lt;"),
            '>' => sb.Append("&gt;"),
            '"' => sb.Append("&quot;"),
            _ => sb.Append("&#39;"),
        };
    }
}
