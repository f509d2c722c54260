using System.Collections.Concurrent;
using IfpFeeds.Articles;
using IfpFeeds.Feeds;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Http;

/// <summary>What a cached response is: a feed, a page or an API answer.</summary>
public enum ResourceKind
{
    Feed,
    Opml,
    HomePage,
    SectionPage,
    ArticlePage,
    ApiSections,
    ApiArticles,
    ApiArticle,
    RecentJson,
    RecentPage,
}

/// <summary>
/// The cache key: only known, validated parameters, plus the origin the links were built for (when
/// <c>Feeds:BaseUrl</c> is unset), so a response built for one host is never served to another.
/// </summary>
public readonly record struct ResourceKey(
    ResourceKind Kind,
    string Name,
    FeedFormat Format,
    int Limit,
    int Page,
    string? Scheme,
    string? Host,
    string? PathBase);

/// <summary>
/// Rendered responses as <see cref="Representation"/>s in a size-limited <see cref="IMemoryCache"/>.
/// <list type="bullet">
/// <item>Precise invalidation: every entry depends on one section (or on <c>all</c>); when a snapshot
/// changes a section's version only that section's entries, and those depending on <c>all</c>, are
/// evicted. An entry also carries the version it was rendered from and is served only while that is
/// current, so a render racing with a change can never be served stale.</item>
/// <item>Stampede-safe: concurrent misses for one key and version share a single render.</item>
/// <item>No allocation on a hit: keys are interned (up to a bound), the lookup takes a struct.</item>
/// </list>
/// </summary>
public sealed class RepresentationCache : IDisposable
{
    /// <summary>The dependency name of entries that change with any article.</summary>
    public const string AllDependency = FeedBuilder.AllName;

    private const int MaxInternedKeys = 20_000;

    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<ResourceKey, BoxedKey> _keys = new();
    private readonly ConcurrentDictionary<(BoxedKey, long), Lazy<Task<Representation>>> _inflight = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _seenVersions = new(StringComparer.Ordinal);
    private readonly ArticleStore _store;
    private long _renders;

    private readonly TimeProvider _time;

    public RepresentationCache(IOptions<FeedsOptions> options, ArticleStore store, TimeProvider time)
    {
        _time = time;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheSizeLimitBytes, CompactionPercentage = 0.25 });

        // Free slabs kept for reuse: as many as the cache can hold (evicted bodies become the next renders).
        var slabs = (int)Math.Min(options.Value.CacheSizeLimitBytes / SlabPool.SlabSize, int.MaxValue);
        SlabPool.Shared.MaxFree = Math.Max(SlabPool.Shared.MaxFree, slabs);
        _store = store;
        Remember(store.Current);
        store.SnapshotChanged += OnSnapshotChanged;
    }

    /// <summary>How many representations have been rendered (misses), for tests and diagnostics.</summary>
    public long Renders => Interlocked.Read(ref _renders);

    /// <summary>
    /// The cached representation of <paramref name="key"/> at <paramref name="version"/> of
    /// <paramref name="dependency"/>, rendered by <paramref name="create"/> on a miss, with a reference
    /// taken for the caller: release it (<see cref="Representation.Release"/>) or execute its result once.
    /// </summary>
    public ValueTask<Representation> GetOrCreateAsync<TState>(
        in ResourceKey key,
        string dependency,
        long version,
        TState state,
        Func<TState, Task<Representation>> create)
    {
        var boxed = Intern(key);
        if (_cache.TryGetValue(boxed, out var value) && value is Representation hit && hit.Version == version
            && (hit.ExpiresAt is null || hit.ExpiresAt > _time.GetUtcNow()) && hit.TryAcquire())
        {
            return ValueTask.FromResult(hit);
        }

        return new ValueTask<Representation>(MissAsync(boxed, dependency, version, state, create));
    }

    /// <summary>
    /// <see cref="GetOrCreateAsync"/> as an endpoint's result: on a hit it completes synchronously with the
    /// representation's own reusable <see cref="RepresentationResult"/>, allocating nothing. The result
    /// releases the caller's reference when it has written the response.
    /// </summary>
    public ValueTask<IResult> Serve<TState>(in ResourceKey key, string dependency, long version, TState state, Func<TState, Task<Representation>> create)
    {
        var lookup = GetOrCreateAsync(key, dependency, version, state, create);
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult<IResult>(lookup.Result.Result)
            : AwaitResult(lookup);

        static async ValueTask<IResult> AwaitResult(ValueTask<Representation> pending) => (await pending).Result;
    }

    private async Task<Representation> MissAsync<TState>(BoxedKey boxed, string dependency, long version, TState state, Func<TState, Task<Representation>> create)
    {
        var flightKey = (boxed, version);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (_inflight.TryGetValue(flightKey, out var running) && running.IsValueCreated && running.Value.IsCompletedSuccessfully
                && running.Value.Result.ExpiresAt <= _time.GetUtcNow()
                && _inflight.TryRemove(KeyValuePair.Create(flightKey, running)))
            {
                running.Value.Result.Release(); // a finished render that has already expired: drop the flight's reference
            }

            // The render runs on the thread pool: the Lazy's lock is then held only to start it, and concurrent
            // requests for the key await it instead of blocking a thread each while it renders.
            var flight = _inflight.GetOrAdd(flightKey, _ => new Lazy<Task<Representation>>(
                () => Task.Run(() => RenderAndStoreAsync(boxed, dependency, state, create)), LazyThreadSafetyMode.ExecutionAndPublication));
            Representation representation;
            try
            {
                representation = await flight.Value;
            }
            catch
            {
                _inflight.TryRemove(KeyValuePair.Create(flightKey, flight));
                throw;
            }

            // Take ours before the flight's reference goes: whoever removes the flight releases that one.
            var acquired = representation.TryAcquire();
            if (_inflight.TryRemove(KeyValuePair.Create(flightKey, flight)))
            {
                representation.Release();
            }

            if (acquired)
            {
                return representation;
            }

            // Evicted and released before this request could take a reference (a full cache, a change):
            // render again.
        }

        // Still no luck (the cache cannot keep this entry at all): render for this request alone.
        return await create(state);
    }

    /// <summary>
    /// Renders, stores with a reference held by the cache until eviction, and returns the representation
    /// with its creator's reference, which stands for the flight's until the flight is removed.
    /// </summary>
    private async Task<Representation> RenderAndStoreAsync<TState>(BoxedKey boxed, string dependency, TState state, Func<TState, Task<Representation>> create)
    {
        // The token is taken before rendering: a change during the render cancels it, and the entry is
        // then evicted as soon as it is stored.
        var token = TokenFor(dependency);
        var representation = await create(state);
        Interlocked.Increment(ref _renders);
        var options = new MemoryCacheEntryOptions { Size = representation.Size };
        if (representation.ExpiresAt is { } expires)
        {
            // Relative, because the memory cache keeps its own clock and ours may be a test's fake one.
            options.AbsoluteExpirationRelativeToNow = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (expires - _time.GetUtcNow()).Ticks));
        }

        options.AddExpirationToken(new CancellationChangeToken(token));
        options.RegisterPostEvictionCallback(static (_, value, _, _) => ((Representation)value!).Release());
        representation.TryAcquire(); // the cache's reference: cannot fail, the creator's is still held
        _cache.Set(boxed, representation, options);
        return representation;
    }

    private BoxedKey Intern(in ResourceKey key)
    {
        if (_keys.TryGetValue(key, out var boxed))
        {
            return boxed;
        }

        boxed = new BoxedKey(key);
        return _keys.Count < MaxInternedKeys ? _keys.GetOrAdd(key, boxed) : boxed;
    }

    private CancellationToken TokenFor(string dependency) =>
        _tokens.GetOrAdd(dependency, static _ => new CancellationTokenSource()).Token;

    private void OnSnapshotChanged(ArticleSnapshot snapshot)
    {
        // Runs on the store's single thread: _seenVersions needs no lock.
        var gone = new HashSet<string>(_seenVersions.Keys, StringComparer.Ordinal);
        foreach (var section in snapshot.Sections)
        {
            gone.Remove(section.Slug);
            if (!_seenVersions.TryGetValue(section.Slug, out var seen) || seen != section.Version)
            {
                Invalidate(section.Slug);
            }
        }

        gone.Remove(AllDependency);
        foreach (var slug in gone)
        {
            Invalidate(slug);
        }

        if (!_seenVersions.TryGetValue(AllDependency, out var all) || all != snapshot.AllVersion)
        {
            Invalidate(AllDependency);
        }

        Remember(snapshot);
    }

    private void Remember(ArticleSnapshot snapshot)
    {
        _seenVersions.Clear();
        foreach (var section in snapshot.Sections)
        {
            _seenVersions[section.Slug] = section.Version;
        }

        _seenVersions[AllDependency] = snapshot.AllVersion;
    }

    private void Invalidate(string dependency)
    {
        if (_tokens.TryRemove(dependency, out var cts))
        {
            cts.Cancel();
            cts.Dispose();
        }
    }

    public void Dispose()
    {
        _store.SnapshotChanged -= OnSnapshotChanged;
        _cache.Dispose();
        foreach (var cts in _tokens.Values)
        {
            cts.Dispose();
        }
    }

    /// <summary>A key as an object for <see cref="IMemoryCache"/>; equal by value.</summary>
    private sealed record BoxedKey(ResourceKey Key);
}
