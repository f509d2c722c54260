using System.Globalization;
using IfpFeeds.Articles;
using IfpFeeds.Http;
using IfpFeeds.Site;

namespace IfpFeeds.Feeds;

/// <summary>OPML 2.0 (http://opml.org/spec2.opml): every feed as an <c>outline type="rss"</c>, importable by any reader.</summary>
public static class OpmlRenderer
{
    public static SegmentedBytes Render(ArticleSnapshot snapshot, string siteTitle, Uri baseUrl)
    {
        var newest = snapshot.Articles.IsEmpty ? DateTimeOffset.UnixEpoch : snapshot.Articles.Max(a => a.Updated);
        return FeedXml.Write((snapshot, siteTitle, baseUrl, newest), static (w, s) =>
        {
            var (snapshot, siteTitle, baseUrl, newest) = s;
            w.WriteStartDocument();
            w.WriteStartElement("opml");
            w.WriteAttributeString("version", "2.0");
            w.WriteStartElement("head");
            w.WriteElementString("title", SafeText.Clean($"{siteTitle} feeds"));
            // A fixed date from the articles, not "now": the same articles give the same bytes.
            w.WriteElementString("dateModified", newest.UtcDateTime.ToString("R", CultureInfo.InvariantCulture));
            w.WriteElementString("docs", "http://opml.org/spec2.opml");
            w.WriteEndElement();
            w.WriteStartElement("body");
            Outline(w, SafeText.Clean($"{siteTitle}: all articles"), FeedBuilder.AllName, baseUrl, baseUrl);
            foreach (var section in snapshot.Sections)
            {
                Outline(w, SafeText.Clean($"{siteTitle}: {section.Name}"), section.Slug, PublicUrls.Section(baseUrl, section.Slug), baseUrl);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        });
    }

    private static void Outline(System.Xml.XmlWriter w, string title, string name, Uri htmlUrl, Uri baseUrl)
    {
        w.WriteStartElement("outline");
        w.WriteAttributeString("type", "rss");
        w.WriteAttributeString("text", title);
        w.WriteAttributeString("title", title);
        w.WriteAttributeString("xmlUrl", PublicUrls.Feed(baseUrl, name, "rss").AbsoluteUri);
        w.WriteAttributeString("htmlUrl", htmlUrl.AbsoluteUri);
        w.WriteEndElement();
    }
}
