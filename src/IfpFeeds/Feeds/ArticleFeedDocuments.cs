using System.Collections.Immutable;
using IfpFeeds.Captures;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// Builds the shared <see cref="FeedDocument"/> of a list of articles (a section's, or every article's):
/// one page, newest first, every text cleaned for XML, every URL absolute. The feed's updated time is its
/// newest item's, never "now", so the same articles give the same bytes.
/// </summary>
public sealed class ArticleFeedDocuments(IOptions<FeedsOptions> options, ContentLanguages languages)
{
    private readonly FeedsOptions _options = options.Value;

    /// <summary>Page <paramref name="page"/> (at most the last) of the feed <paramref name="feed"/> of <paramref name="articles"/>.</summary>
    /// <param name="whenEmpty">The feed's updated time when it has no entry (the store's stable date, never "now" or 1970).</param>
    public FeedDocument Build(FeedDescription feed, ImmutableArray<Article> articles, FeedFormat format, FeedPage page, Uri baseUrl, DateTimeOffset whenEmpty)
    {
        var paging = FeedPaging.Of(feed.Name, format, page, articles.Length, baseUrl, feed.Query);
        var skip = Math.Min(page.Skip, articles.Length);
        var shown = articles.AsSpan().Slice(skip);
        shown = shown[..Math.Min(page.Limit, shown.Length)];
        var published = DistinctTimes.Published(articles, skip, shown.Length);
        var updatedTimes = DistinctTimes.Updated(shown, published);
        var items = ImmutableArray.CreateBuilder<FeedEntry>(shown.Length);
        var feedLanguage = feed.Language ?? _options.Language;
        var updated = whenEmpty;
        var first = true;
        for (var i = 0; i < shown.Length; i++)
        {
            var entry = ArticleEntries.For(shown[i], baseUrl, published[i], updatedTimes[i]);
            if (languages.For(shown[i]) is var itemLanguage && itemLanguage != feedLanguage)
            {
                entry = entry with { Language = itemLanguage };
            }

            items.Add(entry);
            if (first || entry.Updated > updated)
            {
                updated = entry.Updated;
                first = false;
            }
        }

        return new FeedDocument(
            Id: TagUris.Feed(feed.Name) + (feed.Query is { } query ? "?" + query : ""), // RFC 4151 allows a query
            Title: SafeText.Clean(feed.Title),
            Description: SafeText.Clean(feed.Description),
            Language: feedLanguage,
            HomePage: new Uri(baseUrl, feed.HomePath),
            Self: paging.Self,
            Updated: updated,
            SiteTitle: SafeText.Clean(_options.SiteTitle),
            Paging: paging,
            Items: items.MoveToImmutable(),
            TtlMinutes: FeedDocument.TtlFor(_options.CacheMaxAgeSeconds),
            Icon: SiteIcons.Small(_options, baseUrl),
            Logo: SiteIcons.Large(_options, baseUrl));
    }
}
