namespace IfpFeeds.Store.Dates;

/// <summary>
/// <c>Feeds:DataPath</c> cannot hold the first-seen registry (it cannot be created or written): a start-up
/// error a person can fix, reported as one line.
/// </summary>
public sealed class DataPathUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
