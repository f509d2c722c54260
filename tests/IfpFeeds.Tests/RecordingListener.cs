using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>A snapshot listener that remembers every snapshot the store tells it of.</summary>
public sealed class RecordingListener : ISnapshotListener
{
    private readonly List<ArticleSnapshot> _seen = [];

    /// <summary>Every snapshot heard since the start or the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<ArticleSnapshot> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    /// <summary>Waits (at most 15 s) until a snapshot that satisfies <paramref name="condition"/> has been heard.</summary>
    public async Task WaitForAsync(Func<ArticleSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Seen.Any(condition))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no snapshot heard met the condition");
            }

            await Task.Delay(20);
        }
    }

    public void Clear()
    {
        lock (_seen)
        {
            _seen.Clear();
        }
    }

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        lock (_seen)
        {
            _seen.Add(snapshot);
        }
    }
}
