using System.ComponentModel.DataAnnotations;

namespace IfpFeeds.Configuration;

/// <summary><c>Feeds:RateLimit</c>: a fixed window per client address; 0 permits turns it off.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests allowed per window per address; 0 (the default) means no limit.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerWindow { get; set; }

    /// <summary>The window length in seconds (default 10).</summary>
    [Range(1, 3_600)]
    public int WindowSeconds { get; set; } = 10;
}
