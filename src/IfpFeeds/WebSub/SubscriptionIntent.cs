namespace IfpFeeds.WebSub;

/// <summary>A subscribe or unsubscribe request accepted (<c>202</c>) and not yet verified with its callback (W3C WebSub §5.3).</summary>
/// <param name="Subscribe">True for <c>hub.mode=subscribe</c>, false for <c>unsubscribe</c>.</param>
/// <param name="LeaseSeconds">The lease the hub grants (already clamped to the options).</param>
public sealed record SubscriptionIntent(bool Subscribe, string Topic, string Callback, string? Secret, int LeaseSeconds, DateTimeOffset RequestedAt);
