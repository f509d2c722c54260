using System.Xml;
using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// Atom 1.0 (RFC 4287), written straight to an <see cref="XmlWriter"/> in the element order of
/// System.ServiceModel.Syndication's <c>Atom10FeedFormatter</c>. The feed carries a stable <c>atom:id</c>
/// (§4.2.6), a self link (§4.2.7.2), a feed-level author so every entry has one (§4.1.1), and RFC 5005
/// paging links; entries carry the full text as <c>content type="html"</c> (§4.1.3) and the lead image as
/// an enclosure link (§4.2.7.2). Dates are RFC 3339 (§3.3) in UTC.
/// </summary>
public static class AtomRenderer
{
    private const string Html = MediaTypes.Html, Self = MediaTypes.Atom;

    public static SegmentedBytes Render(FeedDocument doc) => FeedXml.Write(doc, Write, FeedXml.SizeHint(doc));

    private static void Write(XmlWriter w, FeedDocument doc)
    {
        w.WriteStartElement("feed", FeedXml.AtomNs);
        w.WriteAttributeString("xml", "lang", null, doc.Language);
        Text(w, "title", doc.Title);
        Text(w, "subtitle", doc.Description);
        w.WriteElementString("id", FeedXml.AtomNs, doc.Id);
        w.WriteElementString("updated", FeedXml.AtomNs, Rfc3339(doc.Updated));
        Author(w, doc.SiteTitle);
        w.WriteElementString("generator", FeedXml.AtomNs, FeedXml.Generator);
        w.WriteElementString("icon", FeedXml.AtomNs, doc.Icon.AbsoluteUri);
        w.WriteElementString("logo", FeedXml.AtomNs, doc.Logo.AbsoluteUri);
        Link(w, "alternate", Html, doc.HomePage);
        Link(w, "self", Self, doc.Self);
        foreach (var hub in doc.Hubs)
        {
            FeedXml.HubLink(w, hub); // W3C WebSub §4
        }

        foreach (var (rel, href) in doc.Paging.Links())
        {
            Link(w, rel, Self, href);
        }

        foreach (var entry in doc.Items)
        {
            w.WriteStartElement("entry", FeedXml.AtomNs);
            if (entry.Language is { } language)
            {
                w.WriteAttributeString("xml", "lang", null, language); // a feed such as all mixes languages
            }

            w.WriteElementString("id", FeedXml.AtomNs, entry.Id);
            Text(w, "title", entry.Title);
            Text(w, "summary", entry.Summary);
            w.WriteElementString("published", FeedXml.AtomNs, Rfc3339(entry.Published));
            w.WriteElementString("updated", FeedXml.AtomNs, Rfc3339(entry.Updated));
            Author(w, entry.Author ?? doc.SiteTitle, entry.AuthorUrl); // every entry names one, the same in every format

            Link(w, "alternate", Html, entry.Link);
            if (entry.Image is { } image)
            {
                Link(w, "enclosure", image.MediaType, image.Url);
            }

            foreach (var category in entry.Categories)
            {
                w.WriteStartElement("category", FeedXml.AtomNs);
                w.WriteAttributeString("term", category);
                w.WriteEndElement();
            }

            w.WriteStartElement("content", FeedXml.AtomNs);
            w.WriteAttributeString("type", "html");
            w.WriteString(entry.ContentHtml);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string name, string text)
    {
        w.WriteStartElement(name, FeedXml.AtomNs);
        w.WriteAttributeString("type", "text");
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static void Author(XmlWriter w, string name, Uri? uri = null)
    {
        w.WriteStartElement("author", FeedXml.AtomNs);
        w.WriteElementString("name", FeedXml.AtomNs, name);
        if (uri is not null)
        {
            w.WriteElementString("uri", FeedXml.AtomNs, uri.AbsoluteUri);
        }

        w.WriteEndElement();
    }

    private static void Link(XmlWriter w, string rel, string type, Uri href)
    {
        w.WriteStartElement("link", FeedXml.AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href.AbsoluteUri);
        w.WriteEndElement();
    }

    /// <summary>RFC 3339 (§3.3) in UTC with the invariant culture: <c>2024-05-05T10:00:00Z</c>, fractions only when there are any.</summary>
    private static string Rfc3339(DateTimeOffset date) =>
        date.UtcDateTime.ToString(date.Millisecond == 0 && date.Microsecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
}
