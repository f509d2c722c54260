namespace IfpFeeds.Captures;

/// <summary>A capture the parser refused, with a reason a person can act on.</summary>
public sealed record CaptureRejection(string FileName, string Reason);
