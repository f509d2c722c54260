using System.Collections.Immutable;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Digest;

/// <summary>
/// Merges every capture's Recent Posts into one list, incrementally: a changed capture replaces only its
/// own readings, and only the posts they touch are merged again. The rules (ARTICLE-FORMAT.md and the
/// digest issue): one post per folded title; the reading with the smallest uncertainty wins, ties go to
/// the latest capture; the longest excerpt is kept; a post that is itself a captured article takes that
/// article's exact publication time and links to it.
/// </summary>
public sealed class DigestIndex
{
    private readonly Dictionary<string, Article> _articles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _keysByCapture = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostReadings> _posts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _articleIdsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _folded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _articleKeyById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DigestPost> _merged = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>The current digest.</summary>
    public DigestSnapshot Current { get; private set; } = DigestSnapshot.Empty;

    /// <summary>
    /// Brings the index up to <paramref name="snapshot"/>: articles that are the same objects as before
    /// are skipped, so only changed captures are read. Returns true when the digest changed.
    /// </summary>
    public bool Update(ArticleSnapshot snapshot)
    {
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var article in snapshot.Articles)
        {
            seen.Add(article.Id);
            if (_articles.TryGetValue(article.Id, out var known) && ReferenceEquals(known, article))
            {
                continue;
            }

            if (known is not null)
            {
                Remove(known, dirty);
            }

            Add(article, dirty);
        }

        if (seen.Count != _articles.Count)
        {
            foreach (var gone in _articles.Values.Where(a => !seen.Contains(a.Id)).ToList())
            {
                Remove(gone, dirty);
            }
        }

        if (dirty.Count == 0)
        {
            return false;
        }

        var changed = false;
        foreach (var key in dirty)
        {
            var post = Merge(key);
            if (post is null)
            {
                changed |= _merged.Remove(key);
            }
            else if (!_merged.TryGetValue(key, out var before) || !SamePost(before, post))
            {
                _merged[key] = post;
                changed = true;
            }
        }

        if (changed)
        {
            var posts = _merged.Values.ToArray();
            Array.Sort(posts, static (a, b) =>
            {
                var byTime = b.EstimatedAt.CompareTo(a.EstimatedAt);
                if (byTime != 0)
                {
                    return byTime;
                }

                var bySidebar = a.SidebarPosition.CompareTo(b.SidebarPosition);
                return bySidebar != 0 ? bySidebar : string.CompareOrdinal(a.Key, b.Key);
            });
            SeparateTies(posts);
            Current = new DigestSnapshot(ImmutableArray.Create(posts), ++_version);
        }

        return changed;
    }

    /// <summary>
    /// Estimates that tie exactly (two posts both "1 hour ago" in one sidebar) are set one second apart,
    /// in the sidebar's own newest-first order: the site's order says which is newer, the second is far
    /// inside any estimate's uncertainty, and every post keeps a distinct time (feed readers and the W3C
    /// validator treat equal entry times as a defect). Exact times (captured articles) are never moved.
    /// </summary>
    private static void SeparateTies(DigestPost[] posts)
    {
        for (var i = 1; i < posts.Length; i++)
        {
            if (posts[i].EstimatedAt >= posts[i - 1].EstimatedAt && posts[i].UncertaintySeconds > 0)
            {
                posts[i] = posts[i] with { EstimatedAt = posts[i - 1].EstimatedAt.AddSeconds(-1) };
            }
        }
    }

    private void Add(Article article, HashSet<string> dirty)
    {
        _articles[article.Id] = article;
        var articleKey = Fold(article.Title);
        _articleKeyById[article.Id] = articleKey;
        if (!_articleIdsByKey.TryGetValue(articleKey, out var ids))
        {
            _articleIdsByKey[articleKey] = ids = new List<string>(1);
        }

        ids.Add(article.Id);
        dirty.Add(articleKey);

        var keys = new string[article.RecentPosts.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            var post = article.RecentPosts[i];
            var key = keys[i] = Fold(post.Title);
            if (!_posts.TryGetValue(key, out var readings))
            {
                _posts[key] = readings = new PostReadings();
            }

            readings.Add(article.Id, new PostReading(post, article.Captured, article.Id, i));
            dirty.Add(key);
        }

        _keysByCapture[article.Id] = keys;
    }

    private void Remove(Article article, HashSet<string> dirty)
    {
        _articles.Remove(article.Id);
        if (_articleKeyById.Remove(article.Id, out var articleKey))
        {
            if (_articleIdsByKey.TryGetValue(articleKey, out var ids) && ids.Remove(article.Id) && ids.Count == 0)
            {
                _articleIdsByKey.Remove(articleKey);
            }

            dirty.Add(articleKey);
        }

        if (_keysByCapture.Remove(article.Id, out var keys))
        {
            foreach (var key in keys)
            {
                if (_posts.TryGetValue(key, out var readings))
                {
                    readings.Remove(article.Id);
                    if (readings.IsEmpty)
                    {
                        _posts.Remove(key);
                    }
                }

                dirty.Add(key);
            }
        }
    }

    /// <summary>The post for <paramref name="key"/> from its readings, or null when no capture lists it.</summary>
    private DigestPost? Merge(string key)
    {
        if (!_posts.TryGetValue(key, out var readings))
        {
            return null;
        }

        PostReading? best = null;
        string? excerpt = null;
        var seenInBuilder = ImmutableArray.CreateBuilder<string>(readings.Count);
        foreach (var reading in readings.All)
        {
            seenInBuilder.Add(reading.CaptureId);
            if (best is null
                || reading.Post.UncertaintySeconds < best.Value.Post.UncertaintySeconds
                || (reading.Post.UncertaintySeconds == best.Value.Post.UncertaintySeconds
                    && (reading.Captured > best.Value.Captured
                        || (reading.Captured == best.Value.Captured && string.CompareOrdinal(reading.CaptureId, best.Value.CaptureId) > 0))))
            {
                best = reading;
            }

            var candidate = reading.Post.Excerpt;
            if (candidate is not null && (excerpt is null || candidate.Length > excerpt.Length
                || (candidate.Length == excerpt.Length && string.CompareOrdinal(candidate, excerpt) < 0)))
            {
                excerpt = candidate;
            }
        }

        seenInBuilder.Sort(StringComparer.Ordinal);
        var seenIn = seenInBuilder.MoveToImmutable();
        var b = best!.Value;

        // Several captured articles with one title: the ordinal-first id, so the choice is stable.
        if (_articleIdsByKey.TryGetValue(key, out var ids) && _articles.TryGetValue(ids.Min(StringComparer.Ordinal)!, out var article))
        {
            return new DigestPost(key, b.Post.Title, excerpt, article.Published, 0, article.Id, article.Url, seenIn, b.Position);
        }

        return new DigestPost(key, b.Post.Title, excerpt, b.Captured.AddSeconds(-b.Post.OffsetSeconds), b.Post.UncertaintySeconds, null, null, seenIn, b.Position);
    }

    /// <summary>
    /// <see cref="TitleKey.Fold"/>, remembered: the same sidebar titles recur in thousands of captures
    /// (and are one shared string each, see <see cref="StringPool"/>). Bounded; cleared when full.
    /// </summary>
    private string Fold(string title)
    {
        if (_folded.TryGetValue(title, out var key))
        {
            return key;
        }

        if (_folded.Count >= 200_000)
        {
            _folded.Clear();
        }

        return _folded[title] = TitleKey.Fold(title);
    }

    private static bool SamePost(DigestPost a, DigestPost b) =>
        a.Title == b.Title && a.Excerpt == b.Excerpt && a.EstimatedAt == b.EstimatedAt
        && a.UncertaintySeconds == b.UncertaintySeconds && a.ArticleId == b.ArticleId && a.ArticleUrl == b.ArticleUrl
        && a.SidebarPosition == b.SidebarPosition && a.SeenIn.SequenceEqual(b.SeenIn);

}
