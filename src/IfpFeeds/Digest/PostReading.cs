using IfpFeeds.Captures;

namespace IfpFeeds.Digest;

/// <summary>One capture's reading of a sidebar post: the post as listed, when the capture was taken, and where in its sidebar.</summary>
internal readonly record struct PostReading(RecentPost Post, DateTimeOffset Captured, string CaptureId, int Position);
