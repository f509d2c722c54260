using IfpFeeds.Captures;

namespace IfpFeeds.Store.Dates;

/// <summary>
/// Where the dates of captures without date front matter come from (ARTICLE-FORMAT.md, "Dates"): the first
/// time a capture id is seen, that instant is recorded with a hash of its content, and from then on the capture
/// is dated by that record, whatever happens to its file's times. The source of truth for dates only: losing
/// it falls back to file times and rebuilds itself; it never fails the service once started.
/// </summary>
/// <remarks>
/// <see cref="Sight"/> is called from the store's readers in parallel; <see cref="Flush"/> from the store's
/// loop alone. A fleet shares one registry (first writer wins) through another implementation.
/// </remarks>
public interface IFirstSeenRegistry
{
    /// <summary>
    /// The dates of capture <paramref name="id"/>, whose bytes hash to <paramref name="contentHash"/>, read now
    /// from a file last written at <paramref name="lastWrite"/>. A first sight records <paramref name="lastWrite"/>
    /// as the capture's first-seen instant; a new hash records when the content changed.
    /// </summary>
    CaptureDates Sight(string id, UInt128 contentHash, DateTimeOffset lastWrite);

    /// <summary>Makes what <see cref="Sight"/> recorded durable. Never throws: a failure is logged, shown in
    /// <see cref="Status"/> and tried again on the next call.</summary>
    void Flush();

    /// <summary>The newest instant ever recorded (a first sight or a change), null when none: the date of a
    /// feed with no entries, stable across restarts.</summary>
    DateTimeOffset? Newest { get; }

    /// <summary>
    /// Raised with capture ids whose dates changed while their content did not (a fleet's shared registry settled dates an
    /// instance had given alone during an outage): the store reads those captures again.
    /// </summary>
    event Action<IReadOnlyList<string>>? Redated;

    /// <summary>What <c>/healthz</c> says of the registry.</summary>
    FirstSeenStatus Status { get; }
}
