using IfpFeeds.Captures;
using IfpFeeds.Configuration;

namespace IfpFeeds.Store.Dates;

/// <summary>
/// <c>Feeds:DatesFrom=file-time</c>: no registry; a capture without date front matter is dated by its file's
/// last-write time, which moves with every <c>touch</c>, copy and clone. For a deployment whose data folder is
/// read-only by design.
/// </summary>
public sealed class FileTimeRegistry : IFirstSeenRegistry
{
    public CaptureDates Sight(string id, UInt128 contentHash, DateTimeOffset lastWrite) => CaptureDates.At(lastWrite);

    public void Flush()
    {
    }

    public DateTimeOffset? Newest => null;

    /// <summary>Never raised: this registry's dates only change with content.</summary>
    public event Action<IReadOnlyList<string>>? Redated
    {
        add { }
        remove { }
    }

    public FirstSeenStatus Status { get; } = new(FeedsOptions.FileTimeDates, null, 0, null);
}
