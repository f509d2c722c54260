using System.Collections.Immutable;
using IfpFeeds.Configuration;
using IfpFeeds.Feeds;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Digest;

/// <summary>
/// The digest as a feed, <c>/feeds/recent.{rss|atom|json}</c>: absolute estimated times and no relative
/// labels, so its bytes change only when posts change. A post links to its article where it is one, else to
/// its entry on the service's <c>/recent</c> page.
/// </summary>
public sealed class DigestFeedSource(DigestService digest, IOptions<FeedsOptions> options) : IFeedSource
{
    /// <summary>The feed's name (reserved: no section slug is ever <c>recent</c>).</summary>
    public const string Name = "recent";

    private readonly FeedsOptions _options = options.Value;

    public bool TryFind(ReadOnlySpan<char> name, out FeedHandle feed)
    {
        if (!name.SequenceEqual(Name))
        {
            feed = default;
            return false;
        }

        // The digest changes only when articles do, so its answers depend on everything.
        var current = digest.Current;
        feed = new FeedHandle(this, Name, current, current.Posts.Length, current.Version, ChangeScopes.Everything);
        return true;
    }

    public FeedDocument Build(in FeedHandle feed, FeedFormat format, FeedPage page, Uri baseUrl)
    {
        var posts = ((DigestSnapshot)feed.Content).Posts;
        var paging = FeedPaging.Of(Name, format, page, posts.Length, baseUrl);
        var shown = posts.AsSpan().Slice(Math.Min(page.Skip, posts.Length));
        shown = shown[..Math.Min(page.Limit, shown.Length)];
        var items = ImmutableArray.CreateBuilder<FeedEntry>(shown.Length);
        var updated = shown.IsEmpty ? ((DigestSnapshot)feed.Content).WhenEmpty : shown[0].EstimatedAt;
        foreach (var post in shown)
        {
            var link = RecentViewBuilder.UrlOf(post, baseUrl) is { } url
                ? new Uri(url)
                : PublicUrls.Path(baseUrl, "recent#" + DigestPostIds.Anchor(post.Key));
            var text = SafeText.Clean(PlainText.Of(post.Excerpt ?? post.Title));
            items.Add(new FeedEntry(DigestPostIds.TagUri(post.Key), SafeText.Clean(PlainText.Title(post.Title)), link, text, HtmlText.Paragraph(text),
                null, null, [], post.EstimatedAt, post.EstimatedAt, null));
            if (post.EstimatedAt > updated)
            {
                updated = post.EstimatedAt;
            }
        }

        var site = _options.SiteTitle;
        return new FeedDocument(
            Id: TagUris.Feed(Name),
            Title: SafeText.Clean($"{site}: recent posts"),
            Description: SafeText.Clean($"Every post of the {site} Recent Posts sidebars, once, with estimated publication times."),
            Language: _options.Language,
            HomePage: PublicUrls.Path(baseUrl, "recent"),
            Self: paging.Self,
            Updated: updated,
            SiteTitle: SafeText.Clean(site),
            Paging: paging,
            Items: items.MoveToImmutable(),
            TtlMinutes: FeedDocument.TtlFor(_options.CacheMaxAgeSeconds),
            Icon: SiteIcons.Small(_options, baseUrl),
            Logo: SiteIcons.Large(_options, baseUrl));
    }

    /// <summary>The digest feed, listed in the OPML beside <c>all</c>.</summary>
    public IEnumerable<FeedListing> Listings()
    {
        var current = digest.Current;
        return [new FeedListing(Name, SafeText.Clean($"{_options.SiteTitle}: recent posts"), "recent",
            current.Updated)];
    }
}
