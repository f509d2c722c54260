namespace IfpFeeds.Captures;

/// <summary>
/// The dates a capture takes where its front matter gives none (ARTICLE-FORMAT.md, "Dates"): when the service
/// first saw it, and when it first saw the content it holds now. The store's first-seen registry keeps both,
/// so neither moves on a <c>touch</c>, a copy, a clone, a restart or a redeploy.
/// </summary>
/// <param name="FirstSeen">The capture's <c>published</c> and <c>captured</c> when front matter has neither.</param>
/// <param name="ContentChanged">When the present content was first seen: its <c>updated</c>, when later than <c>published</c>.</param>
public readonly record struct CaptureDates(DateTimeOffset FirstSeen, DateTimeOffset ContentChanged)
{
    /// <summary>Both dates at <paramref name="instant"/>: a capture seen once, never changed (or dated by its file time).</summary>
    public static CaptureDates At(DateTimeOffset instant) => new(instant, instant);

    /// <summary>Both dates in whole seconds, UTC: every format (RFC 822, HTTP dates) shows seconds, so all agree.</summary>
    public CaptureDates ToWholeSeconds() => new(WholeSeconds(FirstSeen), WholeSeconds(ContentChanged));

    /// <summary><paramref name="instant"/> in UTC without its fraction of a second.</summary>
    public static DateTimeOffset WholeSeconds(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
}
