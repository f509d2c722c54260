using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;

namespace IfpFeeds.Search;

/// <summary>
/// Runs searches so that they cannot become a memory or CPU attack: answers are kept in a cache bounded by count
/// (<see cref="MaxCachedAnswers"/>, keyed by the folded query and the content version, so every spelling of a query
/// and every format and page of it share one scan), and at most one scan per core runs at a time, with a short queue;
/// past it a search is refused (the endpoints answer 503 with <c>Retry-After</c>).
/// </summary>
public sealed class SearchService(SearchIndexer indexer) : IDisposable
{
    /// <summary>How many answers the cache keeps (each at most <see cref="SearchIndex.MaxResults"/> article references).</summary>
    public const int MaxCachedAnswers = 1_024;

    /// <summary>How many scans may wait for a core before the next search is refused.</summary>
    public const int MaxQueuedScans = 32;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxCachedAnswers, CompactionPercentage = 0.25 });
    private readonly ConcurrencyLimiter _scans = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Environment.ProcessorCount,
        QueueLimit = MaxQueuedScans,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private long _scanCount;

    /// <summary>How many answers the cache holds now.</summary>
    public int CachedAnswers => _answers.Count;

    /// <summary>How many scans have run (cache misses), for tests and diagnostics.</summary>
    public long Scans => Interlocked.Read(ref _scanCount);

    /// <summary>The answer to <paramref name="query"/> over the newest content; null when too many searches are running to take another.</summary>
    public async ValueTask<SearchResult?> FindAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var index = await indexer.Current.WaitAsync(cancellationToken).ConfigureAwait(false);
        var key = (index.Snapshot.ContentVersion, query.Key);
        if (_answers.TryGetValue(key, out SearchResult? answer))
        {
            return answer;
        }

        using var lease = await _scans.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            return null;
        }

        if (_answers.TryGetValue(key, out answer)) // found by a search that held the permit before this one
        {
            return answer;
        }

        Interlocked.Increment(ref _scanCount);
        answer = new SearchResult(index.Snapshot, index.Find(query.Needle));
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = 1 });
        return answer;
    }

    public void Dispose()
    {
        _answers.Dispose();
        _scans.Dispose();
    }
}
