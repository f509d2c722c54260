using System.Collections.Concurrent;

namespace IfpFeeds.Store;

/// <summary>
/// Captures a writer has just put in place whole (the publishing API's atomic writes and deletes), waiting for the
/// store's loop to read them at once (no debounce, no settle: they cannot be half-written) and to publish the
/// snapshot that holds them. Any thread adds; the loop takes them in batches.
/// </summary>
internal sealed class RefreshRequests
{
    private readonly ConcurrentQueue<(string Name, TaskCompletionSource<ArticleSnapshot> Done)> _queue = new();

    /// <summary>Whether any request waits for the loop.</summary>
    public bool Pending => !_queue.IsEmpty;

    /// <summary>Asks for <paramref name="name"/> to be read again; completes with the first snapshot published after it was.</summary>
    public Task<ArticleSnapshot> Add(string name)
    {
        var done = new TaskCompletionSource<ArticleSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue((name, done));
        return done.Task;
    }

    /// <summary>Every request waiting now.</summary>
    public List<(string Name, TaskCompletionSource<ArticleSnapshot> Done)> Take()
    {
        var batch = new List<(string, TaskCompletionSource<ArticleSnapshot>)>();
        while (_queue.TryDequeue(out var request))
        {
            batch.Add(request);
        }

        return batch;
    }

    /// <summary>Tells each request of <paramref name="batch"/> that <paramref name="snapshot"/> is the one that holds it.</summary>
    public static void Complete(List<(string Name, TaskCompletionSource<ArticleSnapshot> Done)> batch, ArticleSnapshot snapshot)
    {
        foreach (var (_, done) in batch)
        {
            done.TrySetResult(snapshot);
        }
    }
}
