using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>What the <see cref="CaptureTracker"/> knows of one file.</summary>
/// <param name="Retry">Reading failed for a reason outside the bytes (permissions, I/O): try again on rescan.</param>
/// <param name="LastGood">The last article this file gave, kept while the file is rejected.</param>
/// <param name="ContentHash">The hash of the bytes read (XxHash128); 0 when none were read.</param>
internal sealed record TrackedFile(CaptureStat Stat, CaptureParseResult Result, bool Retry, Article? LastGood = null, UInt128 ContentHash = default,
    CaptureDates Dates = default)
{
    /// <summary>The article served for this file: its own, or its last good one while it is rejected.</summary>
    public Article? Article => Result.Article ?? LastGood;
}
