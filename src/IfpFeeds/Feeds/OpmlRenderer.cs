using System.Globalization;
using System.Xml;
using IfpFeeds.Caching;

namespace IfpFeeds.Feeds;

/// <summary>
/// OPML 2.0 (http://opml.org/spec2.opml): every feed as an <c>outline type="rss"</c>, importable by any reader; the
/// feeds without a group first, then one outline per group (<c>Sections</c>, <c>Tags</c>, <c>Authors</c>) holding its
/// feeds, which readers import as folders.
/// </summary>
public static class OpmlRenderer
{
    public static SegmentedBytes Render(OpmlDocument doc) => FeedXml.Write(doc, static (w, doc) =>
    {
        w.WriteStartDocument();
        w.WriteStartElement("opml");
        w.WriteAttributeString("version", "2.0");
        w.WriteStartElement("head");
        w.WriteElementString("title", doc.Title);
        // OPML 2.0 §head: an RFC 822 date; this one comes from the articles, not "now".
        w.WriteElementString("dateModified", doc.DateModified.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
        w.WriteElementString("docs", "http://opml.org/spec2.opml");
        w.WriteEndElement();
        w.WriteStartElement("body");
        foreach (var outline in doc.Outlines.Where(o => o.Group is null))
        {
            Outline(w, outline);
        }

        foreach (var group in doc.Outlines.Where(o => o.Group is not null).GroupBy(o => o.Group!, StringComparer.Ordinal))
        {
            w.WriteStartElement("outline");
            w.WriteAttributeString("text", group.Key);
            w.WriteAttributeString("title", group.Key);
            foreach (var outline in group)
            {
                Outline(w, outline);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    });

    private static void Outline(XmlWriter w, OpmlOutline outline)
    {
        w.WriteStartElement("outline");
        w.WriteAttributeString("type", "rss");
        w.WriteAttributeString("text", outline.Title);
        w.WriteAttributeString("title", outline.Title);
        w.WriteAttributeString("xmlUrl", outline.XmlUrl.AbsoluteUri);
        w.WriteAttributeString("htmlUrl", outline.HtmlUrl.AbsoluteUri);
        w.WriteEndElement();
    }
}
