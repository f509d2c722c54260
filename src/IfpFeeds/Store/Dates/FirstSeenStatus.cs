namespace IfpFeeds.Store.Dates;

/// <summary>The registry as <c>/healthz</c> shows it.</summary>
/// <param name="DatesFrom">The rule in force: <c>first-seen</c> or <c>file-time</c> (<c>Feeds:DatesFrom</c>).</param>
/// <param name="Location">The registry's file; null for <c>file-time</c>.</param>
/// <param name="Captures">How many capture ids it holds (deleted captures included: they keep their dates).</param>
/// <param name="Problem">Why the last write failed (the next is tried on the next change); null when all is written.</param>
public sealed record FirstSeenStatus(string DatesFrom, string? Location, int Captures, string? Problem);
