using IfpFeeds.Store;

namespace IfpFeeds.Search;

/// <summary>
/// Keeps a <see cref="SearchIndex"/> in step with the store: a snapshot listener that starts each index on the thread
/// pool (the store's thread never folds text) after the one before, so each reuses its predecessor's folded text.
/// A search waits for the index of the newest snapshot, so it never answers from content older than the feeds'.
/// </summary>
public sealed class SearchIndexer(TimeProvider time, ILogger<SearchIndexer> log) : ISnapshotListener
{
    private readonly Lock _gate = new();
    private Task<SearchIndex> _latest = Task.FromResult(SearchIndex.Empty);

    /// <summary>The index of the newest snapshot, once built (at once, but for a moment after a change).</summary>
    public Task<SearchIndex> Current => Volatile.Read(ref _latest);

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        lock (_gate)
        {
            var previous = _latest;
            if (previous.IsCompletedSuccessfully && previous.Result.Snapshot.ContentVersion == snapshot.ContentVersion)
            {
                return;
            }

            Volatile.Write(ref _latest, BuildAfterAsync(previous, snapshot));
        }
    }

    private async Task<SearchIndex> BuildAfterAsync(Task<SearchIndex> previous, ArticleSnapshot snapshot)
    {
        SearchIndex? before = null;
        try
        {
            before = await previous.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Building the search index failed; the next one folds every article again");
        }

        await Task.Yield(); // off the store's thread
        var started = time.GetTimestamp();
        var index = SearchIndex.Build(snapshot, before);
        log.LogDebug("Search index: {Articles} articles, {Bytes} bytes of folded text, built in {Milliseconds:F0} ms",
            index.Count, index.Bytes, time.GetElapsedTime(started).TotalMilliseconds);
        return index;
    }
}
