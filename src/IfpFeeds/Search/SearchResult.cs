using System.Collections.Immutable;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Search;

/// <summary>A search's answer: the matching articles of one snapshot, newest first (at most <see cref="SearchIndex.MaxResults"/>).</summary>
/// <param name="Snapshot">The snapshot searched: its content version versions every cached page and feed of the answer.</param>
public sealed record SearchResult(ArticleSnapshot Snapshot, ImmutableArray<Article> Articles)
{
    /// <summary>Whether more articles matched than the answer holds.</summary>
    public bool Truncated => Articles.Length >= SearchIndex.MaxResults;
}
