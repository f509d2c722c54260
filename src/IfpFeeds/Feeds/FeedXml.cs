using System.Text;
using System.Xml;

namespace IfpFeeds.Feeds;

/// <summary>The XML writer settings every XML renderer shares: UTF-8 without BOM, LF, indented, strict characters.</summary>
internal static class FeedXml
{
    public const string AtomNs = "http://www.w3.org/2005/Atom";
    public const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
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
    public static byte[] Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
