namespace IfpFeeds.WebSub;

/// <summary>What a subscriber's answer to a delivery means for its subscription (W3C WebSub §7).</summary>
public enum DeliveryOutcome
{
    /// <summary>A 2xx: delivered, done.</summary>
    Delivered,

    /// <summary>A 5xx, a timeout or a connection error (a refused address among them): try again later.</summary>
    Retry,

    /// <summary>A 410 Gone: the subscriber asks to be removed.</summary>
    Gone,

    /// <summary>Another answer (a 3xx is never followed, a 4xx): this delivery is dropped; the subscription stays.</summary>
    Refused,
}

/// <summary>The names of <see cref="DeliveryOutcome"/>s in logs and metrics.</summary>
internal static class DeliveryOutcomes
{
    public static string Name(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Delivered => "delivered",
        DeliveryOutcome.Retry => "retry",
        DeliveryOutcome.Gone => "gone",
        _ => "refused",
    };
}
