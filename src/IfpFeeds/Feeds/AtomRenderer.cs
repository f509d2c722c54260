using System.ServiceModel.Syndication;

namespace IfpFeeds.Feeds;

/// <summary>
/// Atom 1.0 (RFC 4287) through System.ServiceModel.Syndication's <see cref="Atom10FeedFormatter"/>.
/// The feed carries a stable <c>atom:id</c> (§4.2.6), a self link (§4.2.7.2), a feed-level author so
/// every entry has one (§4.1.1), and RFC 5005 paging links; entries carry the full text as
/// <c>content type="html"</c> (§4.1.3) and the lead image as an enclosure link.
/// </summary>
public static class AtomRenderer
{
    public static byte[] Render(FeedDocument doc)
    {
        var feed = new SyndicationFeed
        {
            Id = doc.Id,
            Title = new TextSyndicationContent(doc.Title),
            Description = new TextSyndicationContent(doc.Description),
            Language = doc.Language,
            LastUpdatedTime = doc.Updated,
            Generator = FeedXml.Generator,
        };
        feed.Authors.Add(new SyndicationPerson { Name = doc.SiteTitle });
        feed.Links.Add(new SyndicationLink(doc.HomePage, "alternate", null, "text/html", 0));
        feed.Links.Add(new SyndicationLink(doc.Self, "self", null, "application/atom+xml", 0));
        foreach (var (rel, href) in RssRenderer.PagingLinks(doc.Paging))
        {
            feed.Links.Add(new SyndicationLink(href, rel, null, "application/atom+xml", 0));
        }

        var items = new List<SyndicationItem>(doc.Items.Length);
        foreach (var entry in doc.Items)
        {
            var item = new SyndicationItem
            {
                Id = entry.Id,
                Title = new TextSyndicationContent(entry.Title),
                Summary = new TextSyndicationContent(entry.Summary),
                Content = SyndicationContent.CreateHtmlContent(entry.ContentHtml),
                PublishDate = entry.Published,
                LastUpdatedTime = entry.Updated,
            };
            item.Links.Add(new SyndicationLink(entry.Link, "alternate", null, "text/html", 0));
            if (entry.Image is { } image)
            {
                item.Links.Add(new SyndicationLink(image.Url, "enclosure", null, image.MediaType, 0));
            }

            if (entry.Author is { } author)
            {
                item.Authors.Add(new SyndicationPerson { Name = author });
            }

            foreach (var category in entry.Categories)
            {
                item.Categories.Add(new SyndicationCategory(category));
            }

            items.Add(item);
        }

        feed.Items = items;
        return FeedXml.Write(writer => new Atom10FeedFormatter(feed).WriteTo(writer), FeedXml.SizeHint(doc));
    }
}
