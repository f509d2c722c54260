using IfpFeeds.Configuration;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>A feed per section: <c>/feeds/{slug}.{rss|atom|json}</c>, the articles whose section label gives that slug.</summary>
public sealed class SectionFeedSource(ArticleStore store, ArticleFeedDocuments documents, ContentLanguages languages, IOptions<FeedsOptions> options) : IFeedSource
{
    private readonly string _site = options.Value.SiteTitle;

    public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
    {
        if (!store.Current.SectionsBySlug.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var section))
        {
            feed = default;
            return false;
        }

        feed = new FeedHandle(this, section.Slug, section, section.Articles.Length, section.Version, ChangeScopes.Of(section));
        return true;
    }

    public FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl)
    {
        var section = (Section)feed.Content;
        var description = Describe(section) with { Language = languages.For(section) }; // here, not in every listing
        return documents.Build(description, section.Articles, format, page, baseUrl, section.LastUpdated);
    }

    public IEnumerable<FeedListing> Listings() =>
        store.Current.Sections.Select(s =>
        {
            var description = Describe(s);
            return new FeedListing(s.Slug, description.Title, description.HomePath, s.LastUpdated, Group: "Sections");
        });

    private FeedDescription Describe(Section section)
    {
        var name = PlainText.Of(section.Name);
        return new(section.Slug, $"{_site}: {name}", $"The latest {name} articles of {_site}.", "sections/" + Uri.EscapeDataString(section.Slug));
    }
}
