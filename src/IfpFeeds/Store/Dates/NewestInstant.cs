namespace IfpFeeds.Store.Dates;

/// <summary>The newest instant a registry has recorded (Unix seconds), raised atomically by readers in parallel.</summary>
internal struct NewestInstant
{
    private long _seconds;

    public NewestInstant() => _seconds = long.MinValue;

    /// <summary>The newest instant, null when none was recorded.</summary>
    public DateTimeOffset? Value
    {
        get
        {
            var seconds = Interlocked.Read(ref _seconds);
            return seconds == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
    }

    /// <summary>Raises it to <paramref name="seconds"/> unless it is newer already.</summary>
    public void Raise(long seconds)
    {
        var current = Interlocked.Read(ref _seconds);
        while (seconds > current)
        {
            var seen = Interlocked.CompareExchange(ref _seconds, seconds, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
