namespace IfpFeeds.Caching;

/// <summary>What a feature renders on a cache miss: the body and the time it was last modified.</summary>
/// <param name="LastModified">The newest change of what the body shows (the cache never sends a later one than now); null
/// when nothing dates it (a static asset): then no <c>Last-Modified</c> is sent, and the ETag alone validates.</param>
/// <param name="ExpiresAt">For content that depends on the clock: when it stops being true (see <see cref="Representation.ExpiresAt"/>).</param>
/// <param name="Link">A <c>Link</c> header to send with it (a feed's hubs and self, W3C WebSub §4); null: none.</param>
public readonly record struct RenderedBody(SegmentedBytes Body, DateTimeOffset? LastModified, DateTimeOffset? ExpiresAt = null, string? Link = null)
{
    /// <summary>A body rendered as one array (a page, a JSON answer), copied into slabs.</summary>
    public static RenderedBody From(ReadOnlySpan<byte> bytes, DateTimeOffset? lastModified, DateTimeOffset? expiresAt = null) =>
        new(SegmentedBytes.Copy(bytes, SlabPool.Shared), lastModified, expiresAt);
}
