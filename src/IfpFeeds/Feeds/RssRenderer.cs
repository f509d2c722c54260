using System.Xml;
using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// RSS 2.0 (https://www.rssboard.org/rss-specification), written straight to an <see cref="XmlWriter"/> in
/// the element order of System.ServiceModel.Syndication's <c>Rss20FeedFormatter</c>, with the formatter's
/// gaps closed: the <c>atom</c>, <c>content</c> and <c>dc</c> prefixes declared (no generated <c>a10</c>),
/// the self and RFC 5005 paging links as <c>atom:link</c>, RFC 822 dates with <c>+0000</c>,
/// <c>enclosure length="0"</c> (and Media RSS <c>media:content</c>/<c>media:thumbnail</c> for the same image),
/// <c>content:encoded</c> for the full text and <c>dc:creator</c> for the author (RSS <c>author</c> must be an
/// e-mail address). The formatter itself is not on this path: its
/// extension object model cost more than a 50-item feed's whole render budget (bench/README.md).
/// </summary>
public static class RssRenderer
{
    public static SegmentedBytes Render(FeedDocument doc) => FeedXml.Write(doc, Write, FeedXml.SizeHint(doc));

    private static void Write(XmlWriter w, FeedDocument doc)
    {
        w.WriteStartElement("rss");
        w.WriteAttributeString("version", "2.0");
        w.WriteStartElement("channel");
        w.WriteAttributeString("xmlns", "atom", FeedXml.XmlnsNs, FeedXml.AtomNs);
        w.WriteAttributeString("xmlns", "content", FeedXml.XmlnsNs, FeedXml.ContentNs);
        w.WriteAttributeString("xmlns", "dc", FeedXml.XmlnsNs, FeedXml.DcNs);
        w.WriteAttributeString("xmlns", "media", FeedXml.XmlnsNs, FeedXml.MediaNs);
        w.WriteElementString("title", doc.Title);
        w.WriteElementString("link", doc.HomePage.AbsoluteUri);
        w.WriteElementString("description", doc.Description);
        w.WriteElementString("language", doc.Language);
        w.WriteElementString("generator", FeedXml.Generator);
        w.WriteElementString("lastBuildDate", Rfc822(doc.Updated));
        w.WriteElementString("ttl", doc.TtlMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)); // agrees with max-age
        w.WriteStartElement("image");
        w.WriteElementString("url", doc.Logo.AbsoluteUri);
        w.WriteElementString("title", doc.Title);
        w.WriteElementString("link", doc.HomePage.AbsoluteUri);
        w.WriteEndElement();

        // RSS Best Practices: a self link in atom:link; RFC 5005 §3 paging links beside it.
        Link(w, "self", doc.Self);
        foreach (var hub in doc.Hubs)
        {
            FeedXml.HubLink(w, hub); // W3C WebSub §4, as WordPress's WebSub plugin writes it
        }

        foreach (var (rel, href) in doc.Paging.Links())
        {
            Link(w, rel, href);
        }

        foreach (var entry in doc.Items)
        {
            w.WriteStartElement("item");
            w.WriteStartElement("guid");
            w.WriteAttributeString("isPermaLink", "false"); // a tag: URI is not a page
            w.WriteString(entry.Id);
            w.WriteEndElement();
            w.WriteElementString("link", entry.Link.AbsoluteUri);
            foreach (var category in entry.Categories)
            {
                w.WriteElementString("category", category);
            }

            w.WriteElementString("title", entry.Title);
            w.WriteElementString("description", entry.Summary);
            w.WriteElementString("pubDate", Rfc822(entry.Published));
            if (entry.Image is { } image)
            {
                // RSS 2.0 <enclosure>: length is required, and 0 means "unknown".
                w.WriteStartElement("enclosure");
                w.WriteAttributeString("url", image.Url.AbsoluteUri);
                w.WriteAttributeString("length", "0");
                w.WriteAttributeString("type", image.MediaType);
                w.WriteEndElement();

                // Media RSS: what Feedly and Inoreader take thumbnails from.
                w.WriteStartElement("media", "content", FeedXml.MediaNs);
                w.WriteAttributeString("url", image.Url.AbsoluteUri);
                w.WriteAttributeString("medium", "image");
                w.WriteAttributeString("type", image.MediaType);
                w.WriteEndElement();
                w.WriteStartElement("media", "thumbnail", FeedXml.MediaNs);
                w.WriteAttributeString("url", image.Url.AbsoluteUri);
                w.WriteEndElement();
            }

            w.WriteElementString("content", "encoded", FeedXml.ContentNs, entry.ContentHtml);
            w.WriteElementString("dc", "creator", FeedXml.DcNs, entry.Author ?? doc.SiteTitle); // every item names one, in every format

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>RFC 822 date-time as RSS 2.0 wants it: <c>Sat, 04 May 2024 05:45:00 +0000</c>.</summary>
    private static string Rfc822(DateTimeOffset date) =>
        date.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Link(XmlWriter w, string rel, Uri href)
    {
        w.WriteStartElement("atom", "link", FeedXml.AtomNs);
        w.WriteAttributeString("href", href.AbsoluteUri);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", MediaTypes.Rss);
        w.WriteEndElement();
    }
}
