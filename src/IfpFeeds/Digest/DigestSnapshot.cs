using System.Collections.Immutable;

namespace IfpFeeds.Digest;

/// <summary>The digest at one moment: posts newest first; replaced whole on change.</summary>
public sealed record DigestSnapshot(ImmutableArray<DigestPost> Posts, long Version)
{
    public static DigestSnapshot Empty { get; } = new([], 0);
}
