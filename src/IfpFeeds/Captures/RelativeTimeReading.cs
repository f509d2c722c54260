namespace IfpFeeds.Captures;

/// <summary>A relative time read from a capture: <c>29 minutes ago</c> is 1,740 s ± 30 s.</summary>
public readonly record struct RelativeTimeReading(long OffsetSeconds, double UncertaintySeconds);
