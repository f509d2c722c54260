namespace IfpFeeds.Caching;

/// <summary>A rendered representation as a fleet shares it: its bytes in every coding and what its headers are made from.</summary>
/// <param name="Gzip">The gzip coding, or null when it would not be smaller.</param>
/// <param name="Brotli">The brotli coding, or null when it would not be smaller.</param>
/// <param name="LastModified">Already in whole seconds and never after the render, as the representation has it.</param>
public sealed record SharedBody(byte[] Identity, byte[]? Gzip, byte[]? Brotli, DateTimeOffset? LastModified, DateTimeOffset? ExpiresAt, string? Link);
