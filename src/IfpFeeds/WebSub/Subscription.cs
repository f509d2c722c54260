namespace IfpFeeds.WebSub;

/// <summary>A verified subscription (W3C WebSub §5.1): <paramref name="Callback"/> gets every new body of <paramref name="Topic"/> until <paramref name="ExpiresAt"/>.</summary>
/// <param name="Secret">The subscriber's <c>hub.secret</c>: deliveries carry <c>X-Hub-Signature</c>, an HMAC of the body with it; null: none.</param>
public sealed record Subscription(string Topic, string Callback, string? Secret, DateTimeOffset ExpiresAt);
