using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace IfpFeeds.Feeds;

/// <summary>
/// RSS 2.0 (https://www.rssboard.org/rss-specification) through System.ServiceModel.Syndication's
/// <see cref="Rss20FeedFormatter"/>, with its gaps fixed here: the <c>atom</c>, <c>content</c> and
/// <c>dc</c> prefixes declared (no generated <c>a10</c>), the self and RFC 5005 paging links written
/// as <c>atom:link</c> (the formatter drops non-alternate links), <c>content:encoded</c> for the full
/// text and <c>dc:creator</c> for the author (RSS <c>author</c> must be an e-mail address).
/// </summary>
public static class RssRenderer
{
    private static readonly XName AtomLink = XName.Get("link", FeedXml.AtomNs);
    private static readonly XName ContentEncoded = XName.Get("encoded", FeedXml.ContentNs);
    private static readonly XName DcCreator = XName.Get("creator", FeedXml.DcNs);

    public static byte[] Render(FeedDocument doc)
    {
        var feed = new SyndicationFeed(doc.Title, doc.Description, doc.HomePage)
        {
            Language = doc.Language,
            Generator = FeedXml.Generator,
        };

        // The formatter writes a zone of "Z", which some readers refuse: dates are written here instead,
        // RFC 822 (RFC 1123 four-digit year) with "+0000", in the invariant culture.
        feed.ElementExtensions.Add(new XElement("lastBuildDate", Rfc822(doc.Updated)));
        feed.AttributeExtensions.Add(new XmlQualifiedName("atom", FeedXml.XmlnsNs), FeedXml.AtomNs);
        feed.AttributeExtensions.Add(new XmlQualifiedName("content", FeedXml.XmlnsNs), FeedXml.ContentNs);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", FeedXml.XmlnsNs), FeedXml.DcNs);

        // RSS Best Practices: a self link in atom:link; RFC 5005 §3 paging links beside it.
        feed.ElementExtensions.Add(Link("self", doc.Self, "application/rss+xml"));
        foreach (var (rel, href) in PagingLinks(doc.Paging))
        {
            feed.ElementExtensions.Add(Link(rel, href, "application/rss+xml"));
        }

        var items = new List<SyndicationItem>(doc.Items.Length);
        foreach (var entry in doc.Items)
        {
            var item = new SyndicationItem
            {
                Id = entry.Id, // written as <guid isPermaLink="false">: a tag: URI is not a page
                Title = new TextSyndicationContent(entry.Title),
                Summary = new TextSyndicationContent(entry.Summary),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(entry.Link));
            foreach (var category in entry.Categories)
            {
                item.Categories.Add(new SyndicationCategory(category));
            }

            item.ElementExtensions.Add(new XElement("pubDate", Rfc822(entry.Published)));
            if (entry.Image is { } image)
            {
                // RSS 2.0 <enclosure>: length is required and 0 means "unknown" (the formatter omits a 0).
                item.ElementExtensions.Add(new XElement("enclosure",
                    new XAttribute("url", image.Url.AbsoluteUri), new XAttribute("length", "0"), new XAttribute("type", image.MediaType)));
            }

            item.ElementExtensions.Add(new XElement(ContentEncoded, entry.ContentHtml));
            if (entry.Author is { } author)
            {
                item.ElementExtensions.Add(new XElement(DcCreator, author));
            }

            items.Add(item);
        }

        feed.Items = items;
        return FeedXml.Write(writer => new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer), FeedXml.SizeHint(doc));
    }

    /// <summary>RFC 822 date-time as RSS 2.0 wants it: <c>Sat, 04 May 2024 05:45:00 +0000</c>.</summary>
    internal static string Rfc822(DateTimeOffset date) =>
        date.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RFC 5005 §3: first, last, previous, next; only when there is more than one page.</summary>
    internal static IEnumerable<(string Rel, Uri Href)> PagingLinks(FeedPaging paging)
    {
        if (paging.PageCount <= 1)
        {
            yield break;
        }

        yield return ("first", paging.First);
        if (paging.Previous is { } previous)
        {
            yield return ("previous", previous);
        }

        if (paging.Next is { } next)
        {
            yield return ("next", next);
        }

        yield return ("last", paging.Last);
    }

    private static XElement Link(string rel, Uri href, string type) =>
        new(AtomLink, new XAttribute("href", href.AbsoluteUri), new XAttribute("rel", rel), new XAttribute("type", type));
}
