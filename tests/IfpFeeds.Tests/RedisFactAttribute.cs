namespace IfpFeeds.Tests;

/// <summary>A fact that needs <c>redis-server</c>: skipped, saying so, where it is not installed (<c>.ci/run</c> installs it).</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!RedisServer.Available)
        {
            Skip = "redis-server is not installed (apt-get install redis-server): the fleet tests need a real one";
        }
    }
}
