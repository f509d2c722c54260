namespace IfpFeeds.Store;

/// <summary>Whether the articles folder could be read the last time the store looked.</summary>
public enum StoreStatus
{
    Healthy,
    Degraded,
}
