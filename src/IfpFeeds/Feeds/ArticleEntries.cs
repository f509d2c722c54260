using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using IfpFeeds.Captures;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>An article as a feed item: texts cleaned for XML, the full text as HTML, links absolute.</summary>
internal static class ArticleEntries
{
    /// <summary>
    /// The cleaned texts and the HTML of an article depend on the article alone, and an article object
    /// never changes: they are computed once per article, not on every render of every format.
    /// </summary>
    private static readonly ConditionalWeakTable<Article, EntryText> Texts = new();

    private sealed record EntryText(string Title, string Summary, string ContentHtml, string? Author, ImmutableArray<string> Categories);

    public static FeedEntry For(Article article, Uri baseUrl) =>
        For(article, baseUrl, article.Published, article.Updated < article.Published ? article.Published : article.Updated);

    /// <summary>The entry of <paramref name="article"/> with the times its feed gives it (ties told apart: <see cref="DistinctTimes"/>).</summary>
    public static FeedEntry For(Article article, Uri baseUrl, DateTimeOffset published, DateTimeOffset updated)
    {
        var text = Texts.GetValue(article, static a => new EntryText(
            SafeText.Clean(PlainText.Title(a.Title)), SafeText.Clean(PlainText.Of(a.Summary)), ContentHtml(a), SafeText.CleanOrNull(a.Author), Categories(a)));
        return new FeedEntry(
            Id: TagUris.Article(article.Id),
            Title: text.Title,
            Link: article.Url is { } url ? new Uri(url) : PublicUrls.Article(baseUrl, article.Id),
            Summary: text.Summary,
            ContentHtml: text.ContentHtml,
            Author: text.Author,
            Categories: text.Categories,
            Published: published,
            Updated: updated,
            Image: article.Image is { } image ? new FeedImage(new Uri(image), ImageMediaType(image)) : null);
    }

    /// <summary>
    /// The article's paragraphs as HTML, each text encoded; its lead image first, as Ghost does, because not every
    /// reader shows an enclosure.
    /// </summary>
    internal static string ContentHtml(Article article)
    {
        var length = 0;
        foreach (var paragraph in article.Paragraphs)
        {
            length += paragraph.Length + 8;
        }

        var sb = new StringBuilder(length + length / 16);
        if (article.Image is { } image)
        {
            sb.Append("<p><img src=\"");
            HtmlText.Encode(sb, new Uri(image).AbsoluteUri);
            sb.Append("\" alt=\"");
            HtmlText.Encode(sb, SafeText.Clean(PlainText.Title(article.Title)));
            sb.Append("\"></p>");
        }

        foreach (var paragraph in article.Paragraphs)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append("<p>");
            HtmlText.Encode(sb, SafeText.Clean(paragraph));
            sb.Append("</p>");
        }

        return sb.ToString();
    }

    private static ImmutableArray<string> Categories(Article article)
    {
        var categories = ImmutableArray.CreateBuilder<string>(1 + article.Tags.Length);
        categories.Add(SafeText.Clean(PlainText.Of(article.Section)));
        foreach (var tag in article.Tags)
        {
            var clean = SafeText.Clean(PlainText.Of(tag));
            if (clean.Length > 0 && !categories.Contains(clean))
            {
                categories.Add(clean);
            }
        }

        return categories.ToImmutable();
    }

    private static string ImageMediaType(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".svg" => "image/svg+xml",
            ".avif" => "image/avif",
            _ => "image/jpeg",
        };
    }
}
