using System.Collections.Immutable;

namespace IfpFeeds.Digest;

/// <summary>The digest at one moment: posts newest first; replaced whole on change.</summary>
/// <param name="WhenEmpty">What dates the digest when it has no post: the article snapshot's stable date (never 1970).</param>
public sealed record DigestSnapshot(ImmutableArray<DigestPost> Posts, long Version, DateTimeOffset WhenEmpty = default)
{
    public static DigestSnapshot Empty { get; } = new([], 0);

    /// <summary>The newest post's estimated time, or <see cref="WhenEmpty"/>.</summary>
    public DateTimeOffset Updated => Posts.IsEmpty ? WhenEmpty : Posts[0].EstimatedAt;
}
