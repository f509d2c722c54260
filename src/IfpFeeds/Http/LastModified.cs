namespace IfpFeeds.Http;

/// <summary>Last-Modified rules shared by every cached answer.</summary>
public static class LastModified
{
    /// <summary>RFC 9110 §8.8.2.1: an origin server must not send a Last-Modified date later than its own clock.</summary>
    public static DateTimeOffset? NotAfterNow(DateTimeOffset? lastModified, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return lastModified > now ? now : lastModified;
    }
}
