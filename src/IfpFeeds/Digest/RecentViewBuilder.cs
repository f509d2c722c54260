using System.Collections.Immutable;
using IfpFeeds.Http;

namespace IfpFeeds.Digest;

/// <summary>Writes the digest's labels for a moment, and says until when they hold.</summary>
public static class RecentViewBuilder
{
    /// <summary>
    /// The first <paramref name="limit"/> posts with labels for <paramref name="now"/>, and the instant the
    /// first of those labels changes.
    /// </summary>
    public static (RecentView View, DateTimeOffset ValidUntil) Build(DigestSnapshot digest, LabelStyle style, int limit, DateTimeOffset now, Uri baseUrl)
    {
        var validUntil = DateTimeOffset.MaxValue;
        var posts = ImmutableArray.CreateBuilder<RecentPostView>(Math.Min(limit, digest.Posts.Length));
        foreach (var post in digest.Posts.Take(limit))
        {
            var elapsed = (now - post.EstimatedAt).TotalSeconds;
            var changesAt = now + TimeSpan.FromSeconds(Math.Min(RelativeTimeFormatter.NextChange(elapsed) - elapsed, 3.0e8));
            if (changesAt < validUntil)
            {
                validUntil = changesAt;
            }

            posts.Add(new RecentPostView(post.Title, post.Excerpt, RelativeTimeFormatter.Format(elapsed, style), post.EstimatedAt,
                post.UncertaintySeconds, UrlOf(post, baseUrl), post.SeenIn, DigestPostIds.Anchor(post.Key)));
        }

        return (new RecentView(now, posts.MoveToImmutable()), validUntil);
    }

    /// <summary>A post's link: the captured article's own URL, else the service's page of it; none otherwise.</summary>
    public static string? UrlOf(DigestPost post, Uri baseUrl) =>
        post.ArticleUrl ?? (post.ArticleId is { } id ? PublicUrls.Article(baseUrl, id).AbsoluteUri : null);
}
