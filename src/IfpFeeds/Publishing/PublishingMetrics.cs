using System.Diagnostics.Metrics;
using IfpFeeds.Diagnostics;

namespace IfpFeeds.Publishing;

/// <summary>
/// The publishing API's audit trail: every write or delete (PUT, DELETE) is one log line, naming the key (never the key
/// itself), the id, the outcome, the bytes and the new entity-tag, and one count of <c>ifpfeeds.publishing.writes</c>
/// tagged <c>outcome</c> on the <see cref="Telemetry.Name"/> meter.
/// </summary>
public sealed partial class PublishingMetrics(IMeterFactory meters, ILogger<PublishingMetrics> logger)
{
    private readonly Counter<long> _writes = meters.Create(Telemetry.Name).CreateCounter<long>(
        "ifpfeeds.publishing.writes", "{write}", "Writes and deletes through the publishing API, by outcome.");

    /// <summary>Logs and counts one write or delete.</summary>
    public void Write(string method, string? keyName, string id, PublishOutcome outcome, long bytes, string? etag, string? reason = null)
    {
        _writes.Add(1, new KeyValuePair<string, object?>("outcome", outcome.Name));
        if (outcome.Status < 400)
        {
            LogWrite(logger, keyName ?? "-", method, id, outcome.Name, outcome.Status, bytes, etag ?? "-");
        }
        else if (outcome.Status >= 500)
        {
            LogFailed(logger, keyName ?? "-", method, id, outcome.Name, outcome.Status, bytes, reason ?? "-");
        }
        else
        {
            LogRefused(logger, keyName ?? "-", method, id, outcome.Name, outcome.Status, bytes, reason ?? "-");
        }
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Information,
        Message = "Publishing: key {Key} {Method} {Id}: {Outcome} ({Status}), {Bytes} bytes, ETag {ETag}")]
    private static partial void LogWrite(ILogger logger, string key, string method, string id, string outcome, int status, long bytes, string etag);

    [LoggerMessage(EventId = 42, Level = LogLevel.Error,
        Message = "Publishing: key {Key} {Method} {Id}: failed, {Outcome} ({Status}), {Bytes} bytes; the stored capture is unchanged: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, string method, string id, string outcome, int status, long bytes, string reason);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information,
        Message = "Publishing: key {Key} {Method} {Id}: refused, {Outcome} ({Status}), {Bytes} bytes: {Reason}")]
    private static partial void LogRefused(ILogger logger, string key, string method, string id, string outcome, int status, long bytes, string reason);
}
