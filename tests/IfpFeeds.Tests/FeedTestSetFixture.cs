namespace IfpFeeds.Tests;

/// <summary>One app over <see cref="FeedTestSet"/> for a test class whose tests only read (xunit gives each class its own).</summary>
public sealed class FeedTestSetFixture : IDisposable
{
    public TestApp App { get; } = FeedTestSet.Create();

    public void Dispose() => App.Dispose();
}
