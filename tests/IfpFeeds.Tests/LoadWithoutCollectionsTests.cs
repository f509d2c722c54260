using System.Runtime;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>
/// The first load runs in a no-GC region sized from the number of captures, and always leaves it, whatever the load
/// does. Process-wide state: run alone (the timing collection does not run beside other tests).
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class LoadWithoutCollectionsTests
{
    [Fact]
    public void ALargeLoadRunsWithoutCollectionsAndTheRegionEndsWithIt()
    {
        var collections = GC.CollectionCount(0);
        GCLatencyMode during = default;
        LoadWithoutCollections.Run(10_000, () =>
        {
            during = GCSettings.LatencyMode;
            GC.KeepAlive(new byte[1024 * 1024]); // allocating inside the budget collects nothing
        });

        Assert.Equal(GCLatencyMode.NoGCRegion, during);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.True(GC.CollectionCount(0) - collections <= 1, "only the collection that starts the region"); // TryStartNoGCRegion makes room first
    }

    [Fact]
    public void ASmallLoadIsNotWorthARegion()
    {
        GCLatencyMode during = default;
        LoadWithoutCollections.Run(10, () => during = GCSettings.LatencyMode);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, during);
    }

    [Fact]
    public void ALoadThatThrowsOrOutgrowsTheBudgetLeavesNoRegionBehind()
    {
        Assert.Throws<IOException>(() => LoadWithoutCollections.Run(10_000, () => throw new IOException("disk")));
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

        LoadWithoutCollections.Run(100, () =>
        {
            for (var i = 0; i < 64; i++)
            {
                GC.KeepAlive(new byte[256 * 1024]); // 16 MiB against a budget of 1.6 MiB: the runtime collects and ends the region
            }
        });
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        LoadWithoutCollections.Run(10_000, () => { }); // and a region can start again
    }
}
