using IfpFeeds.Configuration;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>The feed of every article: <c>/feeds/all.{rss|atom|json}</c>.</summary>
public sealed class AllArticlesFeedSource(ArticleStore store, ArticleFeedDocuments documents, IOptions<FeedsOptions> options) : IFeedSource
{
    /// <summary>The feed's name (reserved: no section slug is ever <c>all</c>).</summary>
    public const string Name = "all";

    private readonly FeedDescription _description = new(
        Name, $"{options.Value.SiteTitle}: all articles", $"The latest articles of {options.Value.SiteTitle}, every section.", "");

    public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
    {
        if (!name.SequenceEqual(Name))
        {
            feed = default;
            return false;
        }

        var snapshot = store.Current;
        feed = new FeedHandle(this, Name, snapshot, snapshot.Articles.Length, snapshot.ContentVersion, ChangeScopes.Everything);
        return true;
    }

    public FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl) =>
        documents.Build(_description, ((ArticleSnapshot)feed.Content).Articles, format, page, baseUrl, ((ArticleSnapshot)feed.Content).EmptyDate);

    public IEnumerable<FeedListing> Listings() =>
        [new FeedListing(Name, _description.Title, _description.HomePath, store.Current.LastUpdated)];
}
