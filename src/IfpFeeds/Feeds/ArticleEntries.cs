using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using IfpFeeds.Captures;
using IfpFeeds.Http;
using IfpFeeds.Store;

namespace IfpFeeds.Feeds;

/// <summary>An article as a feed item: texts cleaned for XML, the full text as HTML, links absolute.</summary>
internal static class ArticleEntries
{
    /// <summary>
    /// The cleaned texts and the HTML of an article depend on the article alone, and an article object
    /// never changes: they are computed once per article, not on every render of every format.
    /// </summary>
    private static readonly ConditionalWeakTable<Article, EntryText> Texts = new();

    private sealed record EntryText(string Title, string Summary, string ContentHtml, string? Author, string? AuthorSlug, ImmutableArray<string> Categories,
        ImmutableArray<(string Name, string Slug)> Tags)
    {
        private volatile LinkedContent? _linked;

        /// <summary>The content with its links to the author's and the tags' pages under <paramref name="baseUrl"/> (kept for the last base asked).</summary>
        public string LinkedHtml(Uri baseUrl)
        {
            if (AuthorSlug is null && Tags.IsEmpty)
            {
                return ContentHtml;
            }

            var linked = _linked;
            if (linked is null || linked.Base != baseUrl)
            {
                _linked = linked = new LinkedContent(baseUrl, ContentHtml + "\n" + LinksHtml(this, baseUrl));
            }

            return linked.Html;
        }
    }

    private sealed record LinkedContent(Uri Base, string Html);

    public static FeedEntry For(Article article, Uri baseUrl) =>
        For(article, baseUrl, article.Published, article.Updated < article.Published ? article.Published : article.Updated);

    /// <summary>The entry of <paramref name="article"/> with the times its feed gives it (ties told apart: <see cref="DistinctTimes"/>).</summary>
    public static FeedEntry For(Article article, Uri baseUrl, DateTimeOffset published, DateTimeOffset updated)
    {
        var text = Texts.GetValue(article, static a => new EntryText(
            SafeText.Clean(PlainText.Title(a.Title)), SafeText.Clean(PlainText.Of(a.Summary)), ContentHtml(a), SafeText.CleanOrNull(a.Author),
            a.Author is null ? null : ArticleGroup.SlugOf(a.Author), Categories(a), [.. ArticleGroup.TagsOf(a)]));
        return new FeedEntry(
            Id: TagUris.Article(article.Id),
            Title: text.Title,
            Link: article.Url is { } url ? new Uri(url) : PublicUrls.Article(baseUrl, article.Id),
            Summary: text.Summary,
            ContentHtml: text.LinkedHtml(baseUrl),
            Author: text.Author,
            AuthorUrl: text.AuthorSlug is { } slug ? PublicUrls.Author(baseUrl, slug) : null,
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

    /// <summary>A last paragraph that links the author's page and each tag's: every reader shows content, not every one shows categories.</summary>
    private static string LinksHtml(EntryText text, Uri baseUrl)
    {
        var sb = new StringBuilder("<p>");
        if (text.AuthorSlug is { } author)
        {
            sb.Append("By <a href=\"");
            HtmlText.Encode(sb, PublicUrls.Author(baseUrl, author).AbsoluteUri);
            sb.Append("\">");
            HtmlText.Encode(sb, text.Author ?? "");
            sb.Append("</a>");
        }

        for (var i = 0; i < text.Tags.Length; i++)
        {
            sb.Append(i > 0 ? ", " : text.AuthorSlug is null ? "Tags: " : " · Tags: ");
            sb.Append("<a href=\"");
            HtmlText.Encode(sb, PublicUrls.Tag(baseUrl, text.Tags[i].Slug).AbsoluteUri);
            sb.Append("\">");
            HtmlText.Encode(sb, SafeText.Clean(PlainText.Of(text.Tags[i].Name)));
            sb.Append("</a>");
        }

        return sb.Append("</p>").ToString();
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
