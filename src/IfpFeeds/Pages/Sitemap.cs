using System.Globalization;
using System.Text;
using System.Xml;
using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Pages;

/// <summary>
/// <c>/sitemap.xml</c> (sitemaps.org 0.9): the home page, every section, tag and author page, and every article page
/// with its last change, newest first, at most 50,000 URLs (the protocol's limit: the newest articles win);
/// <c>/robots.txt</c> allows everything and names the sitemap.
/// </summary>
internal static class Sitemap
{
    public const int MaxUrls = 50_000;

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static byte[] Render(ArticleSnapshot snapshot, Uri baseUrl)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", Namespace);
            var count = 0;
            void Url(Uri location, DateTimeOffset lastModified)
            {
                if (count++ >= MaxUrls)
                {
                    return;
                }

                w.WriteStartElement("url", Namespace);
                w.WriteElementString("loc", Namespace, location.AbsoluteUri);
                w.WriteElementString("lastmod", Namespace, lastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }

            Url(baseUrl, snapshot.LastUpdated);
            foreach (var section in snapshot.Sections)
            {
                Url(PublicUrls.Section(baseUrl, section.Slug), section.LastUpdated);
            }

            foreach (var group in snapshot.Tags.All.Concat(snapshot.Authors.All))
            {
                Url(PublicUrls.Path(baseUrl, $"{group.Kind}s/{Uri.EscapeDataString(group.Slug)}"), group.LastUpdated);
            }

            foreach (var article in snapshot.Articles)
            {
                Url(PublicUrls.Article(baseUrl, article.Id), article.Updated > article.Published ? article.Updated : article.Published);
            }

            w.WriteEndElement();
        }

        return stream.ToArray();
    }

    public static byte[] Robots(Uri baseUrl) =>
        Encoding.UTF8.GetBytes($"User-agent: *\nDisallow: /search\nDisallow: /feeds/search.\nAllow: /\n\nSitemap: {PublicUrls.Path(baseUrl, "sitemap.xml").AbsoluteUri}\n");
}
