namespace IfpFeeds.Store.Dates;

/// <summary>The first-seen registry's log messages.</summary>
internal static partial class DatesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "First-seen registry {Path}: {Captures} captures")]
    public static partial void Opened(ILogger logger, string path, int captures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First-seen registry {Path} was unreadable ({Reason}); moved aside to {Aside}, rebuilt from the captures")]
    public static partial void MovedAside(ILogger logger, string path, string reason, string aside);

    [LoggerMessage(Level = LogLevel.Warning, Message = "First-seen registry {Path} was gone; rebuilt it with the {Captures} captures' dates the service holds")]
    public static partial void Rebuilt(ILogger logger, string path, int captures);

    [LoggerMessage(Level = LogLevel.Error, Message = "First-seen registry {Path} could not be written ({Reason}); the dates are kept in memory and written on the next change")]
    public static partial void WriteFailed(ILogger logger, string path, string reason);
}
