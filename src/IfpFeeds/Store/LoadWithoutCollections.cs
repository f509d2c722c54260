using System.Runtime;

namespace IfpFeeds.Store;

/// <summary>
/// The first load allocates hundreds of megabytes in a few hundred milliseconds, and most of what it keeps (the articles)
/// would be copied by every collection on the way: the collections were a third of the parse's time
/// (bench/README.md). During that load alone the runtime is asked not to collect, up to a budget sized from the number
/// of captures and capped (192 MiB, and an eighth of the memory the process may use); past it, or if the runtime refuses, it collects as usual.
/// </summary>
internal static class LoadWithoutCollections
{
    /// <summary>What a capture's load allocates, with a margin: 10,000 generated captures of ~4 KB allocate ~13 KB each
    /// (bench/README.md), what the parser keeps included; the bytes read are rented, not allocated.</summary>
    private const long BytesPerCapture = 16 * 1024;

    /// <summary>The most asked for: the garbage of a load stays this much at most before it is collected.</summary>
    private const long MaxBudget = 192L * 1024 * 1024;

    public static void Run(int captures, Action load)
    {
        // Never more than an eighth of what the process may use (a container's limit included); none if that is unknown.
        var budget = Math.Min(Math.Min(MaxBudget, captures * BytesPerCapture), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8);
        var started = false;
        try
        {
            started = budget >= 1024 * 1024 && GC.TryStartNoGCRegion(budget);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Too large for this heap's configuration, or already in a region: load as usual.
        }

        try
        {
            load();
        }
        finally
        {
            if (started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }
}
