using System.Runtime.CompilerServices;

namespace IfpFeeds.Store;

/// <summary>How a section's or a group's name is chosen among the spellings its articles use.</summary>
internal static class LabelCounts
{
    /// <summary>The spelling most articles use; of those tied, the ordinal-first (so the choice is stable). Needs one entry at least.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string MostCommon(Dictionary<string, int> counts)
    {
        string? best = null;
        var bestCount = 0;
        foreach (var (label, count) in counts)
        {
            if (best is null || count > bestCount || (count == bestCount && string.CompareOrdinal(label, best) < 0))
            {
                (best, bestCount) = (label, count);
            }
        }

        return best ?? throw new ArgumentException("no label was counted", nameof(counts));
    }
}
