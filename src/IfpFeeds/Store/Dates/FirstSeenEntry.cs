using IfpFeeds.Captures;

namespace IfpFeeds.Store.Dates;

/// <summary>One row of the first-seen registry: instants in Unix seconds.</summary>
internal readonly record struct FirstSeenEntry(long FirstSeen, UInt128 Hash, long ContentChanged)
{
    public CaptureDates Dates => new(DateTimeOffset.FromUnixTimeSeconds(FirstSeen), DateTimeOffset.FromUnixTimeSeconds(ContentChanged));
}
