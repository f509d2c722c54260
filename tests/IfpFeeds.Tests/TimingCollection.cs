namespace IfpFeeds.Tests;

/// <summary>
/// Tests that assert a wall-clock bound (an edit visible within one second) run alone, after the parallel
/// ones, so a busy 2-core CI machine measures the service and not the other tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
