namespace IfpFeeds.Store;

/// <summary>The store's log messages, each a <see cref="LoggerMessageAttribute"/> (structured, no formatting cost when off).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Articles} articles in {Sections} sections ({Rejected} rejected) from {Folder} in {Milliseconds:F0} ms")]
    public static partial void Loaded(ILogger logger, int articles, int sections, int rejected, string folder, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "The first snapshot reached its {Listeners} listeners in {Milliseconds:F0} ms")]
    public static partial void ListenersReady(ILogger logger, int listeners, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected capture {FileName}: {Reason}")]
    public static partial void Rejected(ILogger logger, string fileName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Articles folder {Folder} is missing; serving the last good snapshot until it returns")]
    public static partial void FolderMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Articles folder {Folder} is back; reloaded")]
    public static partial void FolderBack(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Article store loop failed; retrying")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot listener {Listener} failed on snapshot {Version}; the other listeners still ran")]
    public static partial void ListenerFailed(ILogger logger, string listener, long version, Exception exception);
}
