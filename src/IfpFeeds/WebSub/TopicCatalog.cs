using IfpFeeds.Feeds;
using IfpFeeds.Http;

namespace IfpFeeds.WebSub;

/// <summary>
/// Which URLs are topics of this hub: page 1 of a feed a feed source has now (each section, <c>all</c>, <c>recent</c>, each
/// tag and author), in one format, without a query: <c>{base}feeds/{name}.{rss|atom|json}</c>. One topic per format; the
/// self URL is the canonical one built from the base URL (<c>Feeds:BaseUrl</c>), which a topic must match exactly in
/// scheme, host, port and path (a percent-encoded name is compared decoded).
/// </summary>
public sealed class TopicCatalog(FeedRepresentations feeds, IEnumerable<IFeedSource> sources)
{
    private readonly IFeedSource[] _sources = [.. sources];

    /// <summary>The topic <paramref name="topic"/> names under <paramref name="baseUrl"/>; false when it is not one this service serves.</summary>
    public bool TryResolve(string topic, Uri baseUrl, out FeedTopic resolved) => TryResolve(topic, baseUrl, out resolved, out _);

    /// <summary>As <see cref="TryResolve(string, Uri, out FeedTopic)"/>, with the feed found in the current content.</summary>
    private bool TryResolve(string topic, Uri baseUrl, out FeedTopic resolved, out FeedHandle feed)
    {
        resolved = null!;
        feed = default;
        if (!Uri.TryCreate(topic, UriKind.Absolute, out var uri) || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || !string.Equals(uri.GetLeftPart(UriPartial.Authority), baseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var prefix = baseUrl.AbsolutePath + "feeds/";
        var path = uri.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var file = Uri.UnescapeDataString(path[prefix.Length..]);
        var dot = file.LastIndexOf('.');
        if (dot <= 0 || !FeedFormats.TryParse(file.AsSpan(dot + 1), out var format))
        {
            return false;
        }

        if (!feeds.TryFind(file.AsSpan(0, dot), out feed))
        {
            return false;
        }

        resolved = new FeedTopic(feed.Name, format, PublicUrls.Feed(baseUrl, feed.Name, FeedFormats.Extension(format)).AbsoluteUri);
        return string.Equals(resolved.SelfUrl, uri.AbsoluteUri, StringComparison.Ordinal) || SameDecoded(resolved.SelfUrl, uri);
    }

    /// <summary>
    /// A stored topic (a subscription's) resolved again now: under <paramref name="configuredBase"/> when
    /// <c>Feeds:BaseUrl</c> sets one, else under the base its own URL implies (everything before a <c>feeds/</c> segment of
    /// its path, where the subscription request came), with its feed in the current content. False when the feed is gone.
    /// </summary>
    public bool TryResolve(string topic, Uri? configuredBase, out FeedTopic resolved, out Uri baseUrl, out FeedHandle feed)
    {
        if (configuredBase is not null)
        {
            baseUrl = configuredBase;
            return TryResolve(topic, configuredBase, out resolved, out feed);
        }

        resolved = null!;
        baseUrl = null!;
        feed = default;
        if (!Uri.TryCreate(topic, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var path = uri.AbsolutePath;
        for (var at = path.IndexOf("/feeds/", StringComparison.Ordinal); at >= 0; at = path.IndexOf("/feeds/", at + 1, StringComparison.Ordinal))
        {
            var candidate = new Uri(uri, path[..(at + 1)]);
            if (TryResolve(topic, candidate, out resolved, out feed))
            {
                baseUrl = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>Every topic now: each feed of each source in each format, in a stable order.</summary>
    public IEnumerable<FeedTopic> All(Uri baseUrl) =>
        from source in _sources
        from listing in source.Listings()
        from format in FeedFormats.All
        select new FeedTopic(listing.Name, format, PublicUrls.Feed(baseUrl, listing.Name, FeedFormats.Extension(format)).AbsoluteUri);

    private static bool SameDecoded(string self, Uri topic) =>
        string.Equals(Uri.UnescapeDataString(new Uri(self).AbsolutePath), Uri.UnescapeDataString(topic.AbsolutePath), StringComparison.Ordinal);
}
