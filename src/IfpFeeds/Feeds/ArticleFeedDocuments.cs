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
public sealed class ArticleFeedDocuments(IOptions<FeedsOptions> options)
{
    private readonly FeedsOptions _options = options.Value;

    /// <summary>Page <paramref name="page"/> (at most the last) of the feed <paramref name="feed"/> of <paramref name="articles"/>.</summary>
    public FeedDocument Build(FeedDescription feed, ImmutableArray<Article> articles, FeedFormat format, FeedPage page, Uri baseUrl)
    {
        var paging = FeedPaging.Of(feed.Name, format, page, articles.Length, baseUrl);
        var shown = articles.AsSpan().Slice(Math.Min(page.Skip, articles.Length));
        shown = shown[..Math.Min(page.Limit, shown.Length)];
        var items = ImmutableArray.CreateBuilder<FeedEntry>(shown.Length);
        var updated = DateTimeOffset.UnixEpoch;
        foreach (var article in shown)
        {
            var entry = ArticleEntries.For(article, baseUrl);
            items.Add(entry);
            if (entry.Updated > updated)
            {
                updated = entry.Updated;
            }
        }

        return new FeedDocument(
            Id: TagUris.Feed(feed.Name),
            Title: SafeText.Clean(feed.Title),
            Description: SafeText.Clean(feed.Description),
            Language: _options.Language,
            HomePage: new Uri(baseUrl, feed.HomePath),
            Self: paging.Self,
            Updated: updated,
            SiteTitle: SafeText.Clean(_options.SiteTitle),
            Paging: paging,
            Items: items.MoveToImmutable());
    }
}
