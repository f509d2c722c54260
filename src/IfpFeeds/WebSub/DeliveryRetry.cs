namespace IfpFeeds.WebSub;

/// <summary>A delivery that failed and waits for its next attempt (after a 5xx, a timeout or a refused connection).</summary>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="NextAt">When the next attempt is due.</param>
/// <param name="GiveUpAt">When retries stop (a bounded time after the first failure).</param>
public sealed record DeliveryRetry(string Topic, string Callback, int Attempts, DateTimeOffset NextAt, DateTimeOffset GiveUpAt);
