using System.Text;
using System.Xml;
using IfpFeeds.Caching;

namespace IfpFeeds.Feeds;

/// <summary>The XML writer settings every XML renderer shares: UTF-8 without BOM, LF, indented, strict characters.</summary>
internal static class FeedXml
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string MediaNs = "http://search.yahoo.com/mrss/";
    public const string XmlnsNs = "http://www.w3.org/2000/xmlns/";
    public const string Generator = "IfpFeeds";

    public static readonly Uri GeneratorUri = new("https://github.com/ifpfeeds/ifpfeeds");

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        CheckCharacters = true,
    };

    /// <summary>Writes a document with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    /// <param name="sizeHint">The expected size, so the pooled buffer is rented once rather than doubled.</param>
    public static SegmentedBytes Write<TState>(TState state, Action<XmlWriter, TState> write, int sizeHint = 4096)
    {
        using var stream = new PooledBuffer(sizeHint);
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            write(writer, state);
        }

        return stream.ToSegmented();
    }

    /// <summary>
    /// <c>&lt;link rel="hub" href="…"/&gt;</c> in the Atom namespace (its prefix, <c>atom:</c> in RSS, is the one in scope):
    /// a WebSub hub of the feed (W3C WebSub §4), the same element in both XML formats.
    /// </summary>
    public static void HubLink(XmlWriter w, Uri hub)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", "hub");
        w.WriteAttributeString("href", hub.AbsoluteUri);
        w.WriteEndElement();
    }

    /// <summary>A generous estimate of a feed's size: its texts, once escaped, plus the markup around them.</summary>
    public static int SizeHint(FeedDocument doc)
    {
        long chars = 4096;
        foreach (var item in doc.Items)
        {
            chars += item.ContentHtml.Length * 5L / 4 + item.Summary.Length + item.Title.Length + 1024;
        }

        // Non-ASCII text takes up to 3 bytes in UTF-8; most of this text is ASCII.
        return (int)Math.Min(chars * 5 / 4, 64 * 1024 * 1024);
    }
}
