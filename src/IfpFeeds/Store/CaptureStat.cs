namespace IfpFeeds.Store;

/// <summary>What a capture source tells of one file without reading it: enough to see that it changed.</summary>
public readonly record struct CaptureStat(long Length, DateTime LastWriteUtc);
