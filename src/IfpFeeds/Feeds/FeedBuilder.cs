using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using IfpFeeds.Articles;
using IfpFeeds.Site;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>Which articles a feed shows: a section's, or every article's (<c>all</c>).</summary>
/// <param name="HomePath">The HTML page it mirrors, relative to the base URL.</param>
/// <param name="Version">The content version caches key on: the section's, or the snapshot's <c>AllVersion</c>.</param>
public sealed record FeedSource(string Name, string Title, string Description, string HomePath, ImmutableArray<Article> Articles, long Version);

/// <summary>
/// Builds the shared <see cref="FeedDocument"/> from a snapshot: one page of a section (or of
/// <c>all</c>), newest first, every text cleaned for XML, every URL absolute.
/// </summary>
public sealed class FeedBuilder(IOptions<FeedsOptions> options)
{
    /// <summary>The name of the feed of every article.</summary>
    public const string AllName = "all";

    public const int DefaultLimit = 50, MaxLimit = 200;

    private readonly FeedsOptions _options = options.Value;

    public static string Extension(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss",
        FeedFormat.Atom => "atom",
        _ => "json",
    };

    public static bool TryParseExtension(string extension, out FeedFormat format)
    {
        switch (extension)
        {
            case "rss":
                format = FeedFormat.Rss;
                return true;
            case "atom":
                format = FeedFormat.Atom;
                return true;
            case "json":
                format = FeedFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The feed named <paramref name="name"/> (<c>all</c> or a section slug); false when there is none.</summary>
    public bool TryGetSource(ArticleSnapshot snapshot, string name, out FeedSource source)
    {
        var site = _options.SiteTitle;
        if (name == AllName)
        {
            source = new FeedSource(AllName, $"{site}: all articles", $"The latest articles of {site}, every section.", "", snapshot.Articles, snapshot.AllVersion);
            return true;
        }

        if (snapshot.SectionsBySlug.TryGetValue(name, out var section))
        {
            source = new FeedSource(section.Slug, $"{site}: {section.Name}", $"The latest {section.Name} articles of {site}.",
                "sections/" + Uri.EscapeDataString(section.Slug), section.Articles, section.Version);
            return true;
        }

        source = null!;
        return false;
    }

    /// <summary>
    /// What a cache needs to know of feed <paramref name="name"/> without building anything: its article
    /// count, content version and dependency (<c>all</c> or the slug). False when there is no such feed.
    /// </summary>
    public static bool TryLocate(ArticleSnapshot snapshot, string name, out int count, out long version, out string dependency)
    {
        if (name == AllName)
        {
            (count, version, dependency) = (snapshot.Articles.Length, snapshot.AllVersion, AllName);
            return true;
        }

        if (snapshot.SectionsBySlug.TryGetValue(name, out var section))
        {
            (count, version, dependency) = (section.Articles.Length, section.Version, section.Slug);
            return true;
        }

        (count, version, dependency) = (0, 0, "");
        return false;
    }

    /// <summary>The number of pages of <paramref name="limit"/> items (at least 1).</summary>
    public static int PageCount(int count, int limit) => Math.Max(1, (count + limit - 1) / limit);

    /// <summary>Page <paramref name="page"/> (1-based, at most <see cref="PageCount"/>) of the feed.</summary>
    public FeedDocument Build(FeedSource source, FeedFormat format, int limit, int page, Uri baseUrl)
    {
        var paging = Paging(source.Name, format, limit, page, source.Articles.Length, baseUrl);

        var items = ImmutableArray.CreateBuilder<FeedEntry>(Math.Min(limit, source.Articles.Length));
        var updated = DateTimeOffset.UnixEpoch;
        foreach (var article in source.Articles.Skip((page - 1) * limit).Take(limit))
        {
            var entry = Entry(article, baseUrl);
            items.Add(entry);
            if (entry.Updated > updated)
            {
                updated = entry.Updated;
            }
        }

        return new FeedDocument(
            Id: TagUris.Feed(source.Name),
            Title: SafeText.Clean(source.Title),
            Description: SafeText.Clean(source.Description),
            Language: _options.Language,
            HomePage: new Uri(baseUrl, source.HomePath),
            Self: paging.Self,
            Updated: updated,
            SiteTitle: SafeText.Clean(_options.SiteTitle),
            Paging: paging,
            Items: items.ToImmutable());
    }

    /// <summary>The name of the digest's feed.</summary>
    public const string RecentName = "recent";

    /// <summary>
    /// Page <paramref name="page"/> of the digest as a feed: absolute estimated times, no relative labels,
    /// so its bytes change only when posts change. A post links to its article where it is one, else to
    /// its entry on the service's <c>/recent</c> page.
    /// </summary>
    public FeedDocument BuildDigest(Digest.DigestSnapshot digest, FeedFormat format, int limit, int page, Uri baseUrl)
    {
        var paging = Paging(RecentName, format, limit, page, digest.Posts.Length, baseUrl);

        var items = ImmutableArray.CreateBuilder<FeedEntry>();
        var updated = DateTimeOffset.UnixEpoch;
        foreach (var post in digest.Posts.Skip((page - 1) * limit).Take(limit))
        {
            var id = TagUris.RecentPost(post.Key);
            var link = Digest.RecentViews.UrlOf(post, baseUrl) is { } url ? new Uri(url) : new Uri(baseUrl, "recent#" + TagUris.RecentPostAnchor(post.Key));
            var text = SafeText.Clean(post.Excerpt ?? post.Title);
            var html = new StringBuilder("<p>");
            HtmlText.Encode(html, text);
            html.Append("</p>");
            items.Add(new FeedEntry(id, SafeText.Clean(post.Title), link, text, html.ToString(), null, [], post.EstimatedAt, post.EstimatedAt, null));
            if (post.EstimatedAt > updated)
            {
                updated = post.EstimatedAt;
            }
        }

        var site = _options.SiteTitle;
        return new FeedDocument(
            Id: TagUris.Feed(RecentName),
            Title: SafeText.Clean($"{site}: recent posts"),
            Description: SafeText.Clean($"Every post of the {site} Recent Posts sidebars, once, with estimated publication times."),
            Language: _options.Language,
            HomePage: new Uri(baseUrl, "recent"),
            Self: paging.Self,
            Updated: updated,
            SiteTitle: SafeText.Clean(site),
            Paging: paging,
            Items: items.ToImmutable());
    }

    /// <summary>RFC 5005 §3 links of page <paramref name="page"/> of feed <paramref name="name"/> holding <paramref name="count"/> items.</summary>
    private static FeedPaging Paging(string name, FeedFormat format, int limit, int page, int count, Uri baseUrl)
    {
        var pageCount = PageCount(count, limit);
        var extension = Extension(format);
        Uri PageUrl(int p) => PublicUrls.Feed(baseUrl, name, extension, Query(limit, p));
        return new FeedPaging(page, pageCount, PageUrl(1), PageUrl(pageCount),
            page > 1 ? PageUrl(page - 1) : null,
            page < pageCount ? PageUrl(page + 1) : null)
        {
            Self = PageUrl(page),
        };
    }

    /// <summary>The query a page's URL carries: only what differs from the defaults, in a fixed order.</summary>
    public static string? Query(int limit, int page) =>
        (limit == DefaultLimit, page == 1) switch
        {
            (true, true) => null,
            (true, false) => $"page={page.ToString(CultureInfo.InvariantCulture)}",
            (false, true) => $"limit={limit.ToString(CultureInfo.InvariantCulture)}",
            _ => $"limit={limit.ToString(CultureInfo.InvariantCulture)}&page={page.ToString(CultureInfo.InvariantCulture)}",
        };

    /// <summary>
    /// The cleaned texts and the HTML of an article depend on the article alone, and an article object
    /// never changes: they are computed once per article, not on every render of every format.
    /// </summary>
    private static readonly ConditionalWeakTable<Article, EntryText> Texts = new();

    private sealed record EntryText(string Title, string Summary, string ContentHtml, string? Author, ImmutableArray<string> Categories);

    private static FeedEntry Entry(Article article, Uri baseUrl)
    {
        var text = Texts.GetValue(article, static a => new EntryText(
            SafeText.Clean(a.Title), SafeText.Clean(a.Summary), ContentHtml(a), SafeText.CleanOrNull(a.Author), Categories(a)));
        return new FeedEntry(
            Id: TagUris.Article(article.Id),
            Title: text.Title,
            Link: article.Url is { } url ? new Uri(url) : PublicUrls.Article(baseUrl, article.Id),
            Summary: text.Summary,
            ContentHtml: text.ContentHtml,
            Author: text.Author,
            Categories: text.Categories,
            Published: article.Published,
            Updated: article.Updated < article.Published ? article.Published : article.Updated,
            Image: article.Image is { } image ? new FeedImage(new Uri(image), ImageMediaType(image)) : null);
    }

    private static ImmutableArray<string> Categories(Article article)
    {
        var categories = ImmutableArray.CreateBuilder<string>(1 + article.Tags.Length);
        categories.Add(SafeText.Clean(article.Section));
        foreach (var tag in article.Tags)
        {
            var clean = SafeText.Clean(tag);
            if (clean.Length > 0 && !categories.Contains(clean))
            {
                categories.Add(clean);
            }
        }

        return categories.ToImmutable();
    }

    /// <summary>The article's paragraphs as HTML, each text encoded.</summary>
    internal static string ContentHtml(Article article)
    {
        var length = 0;
        foreach (var paragraph in article.Paragraphs)
        {
            length += paragraph.Length + 8;
        }

        var sb = new StringBuilder(length + length / 16);
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

/// <summary>Minimal HTML text encoding: the five characters that matter, nothing else (Persian stays readable).</summary>
public static class HtmlText
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("&<>\"'");

    public static void Encode(StringBuilder sb, string text)
    {
        // Runs of ordinary characters are copied whole; only the five specials are replaced.
        var rest = text.AsSpan();
        int next;
        while ((next = rest.IndexOfAny(Special)) >= 0)
        {
            sb.Append(rest[..next]);
            EncodeOne(sb, rest[next]);
            rest = rest[(next + 1)..];
        }

        sb.Append(rest);
    }

    private static void EncodeOne(StringBuilder sb, char c)
    {
        _ = c switch
        {
            '&' => sb.Append("&amp;"),
            '<' => sb.Append("&lt;"),
            '>' => sb.Append("&gt;"),
            '"' => sb.Append("&quot;"),
            _ => sb.Append("&#39;"),
        };
    }
}
