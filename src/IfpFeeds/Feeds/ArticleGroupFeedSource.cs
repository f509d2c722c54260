using IfpFeeds.Configuration;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// A feed per tag or per author: <c>/feeds/tag/{slug}.{rss|atom|json}</c>, <c>/feeds/author/{slug}.{…}</c>, the
/// articles whose front matter <c>tags</c> (or whose author) give that slug; the same paging, caching and
/// validation as a section's feed; the OPML lists them under <c>Tags</c> and <c>Authors</c>.
/// </summary>
public sealed class ArticleGroupFeedSource(string kind, ArticleStore store, ArticleFeedDocuments documents, ContentLanguages languages, IOptions<FeedsOptions> options) : IFeedSource
{
    private readonly string _site = options.Value.SiteTitle;
    private readonly string _prefix = kind + "/";

    /// <summary>The feeds of every tag.</summary>
    public static ArticleGroupFeedSource Tags(IServiceProvider services) => Create(ArticleGroupIndex.TagKind, services);

    /// <summary>The feeds of every author.</summary>
    public static ArticleGroupFeedSource Authors(IServiceProvider services) => Create(ArticleGroupIndex.AuthorKind, services);

    public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
    {
        if (!name.StartsWith(_prefix, StringComparison.Ordinal)
            || !Index(store.Current).BySlug.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name[_prefix.Length..], out var group))
        {
            feed = default;
            return false;
        }

        feed = new FeedHandle(this, group.Scope, group, group.Articles.Length, group.Version, group.Scope);
        return true;
    }

    public FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl)
    {
        var group = (ArticleGroup)feed.Content;
        var description = Describe(group) with { Language = languages.For(group.Articles) }; // here, not in every listing
        return documents.Build(description, group.Articles, format, page, baseUrl, group.LastUpdated);
    }

    public IEnumerable<FeedListing> Listings() =>
        Index(store.Current).All.Select(g =>
        {
            var description = Describe(g);
            return new FeedListing(g.Scope, description.Title, description.HomePath, g.LastUpdated, Group: kind == ArticleGroupIndex.TagKind ? "Tags" : "Authors");
        });

    private ArticleGroupIndex Index(ArticleSnapshot snapshot) => kind == ArticleGroupIndex.TagKind ? snapshot.Tags : snapshot.Authors;

    private FeedDescription Describe(ArticleGroup group)
    {
        var what = (kind == ArticleGroupIndex.TagKind ? "tagged " : "by ") + PlainText.Of(group.Name);
        return new(group.Scope, $"{_site}: {what}", $"The latest articles of {_site} {what}.", $"{kind}s/{Uri.EscapeDataString(group.Slug)}");
    }

    private static ArticleGroupFeedSource Create(string kind, IServiceProvider services) => new(kind,
        services.GetRequiredService<ArticleStore>(), services.GetRequiredService<ArticleFeedDocuments>(), services.GetRequiredService<ContentLanguages>(),
        services.GetRequiredService<IOptions<FeedsOptions>>());
}
