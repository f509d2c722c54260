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
