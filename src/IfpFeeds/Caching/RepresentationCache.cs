using System.Collections.Concurrent;
using IfpFeeds.Configuration;
using IfpFeeds.Diagnostics;
using IfpFeeds.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Caching;

/// <summary>
/// Rendered responses as <see cref="Representation"/>s in a size-limited <see cref="IMemoryCache"/>. It knows
/// no feature: keys, dependency names and versions are the caller's.
/// <list type="bullet">
/// <item>Precise invalidation: every entry depends on one name (a section's slug, or the name of everything);
/// <see cref="Invalidate"/> evicts exactly the entries that depend on it. An entry also carries the version it
/// was rendered from and is served only while the caller still asks for that version, so a render racing a
/// change can never be served stale.</item>
/// <item>Stampede-safe: concurrent misses for one key and version share a single render.</item>
/// <item>No allocation on a hit: keys are interned (up to a bound), the lookup takes a struct.</item>
/// </list>
/// </summary>
public sealed class RepresentationCache : IDisposable
{
    private const int MaxInternedKeys = 20_000;

    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<CacheKey, BoxedKey> _keys = new();
    private readonly ConcurrentDictionary<(BoxedKey, long), Lazy<Task<Representation>>> _inflight = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _tokens = new(StringComparer.Ordinal);
    private readonly CacheControlHeaders _cacheControl;
    private readonly TimeProvider _time;
    private readonly CacheMetrics _metrics;
    private long _renders;
    private long _bytes;

    private readonly ISharedRepresentations? _shared;

    /// <param name="shared">The fleet's shared level (fleet mode only; null: every miss renders here).</param>
    public RepresentationCache(IOptions<FeedsOptions> options, CacheControlHeaders cacheControl, TimeProvider time, CacheMetrics metrics,
        ISharedRepresentations? shared = null)
        : this("responses", options.Value.CacheSizeLimitBytes, cacheControl, time, metrics)
    {
        _shared = shared;
    }

    /// <summary>
    /// A cache of its own called <paramref name="name"/> (its <c>cache</c> tag in the metrics), at most
    /// <paramref name="sizeLimitBytes"/>: for answers that must not push the feeds out (searches).
    /// </summary>
    public RepresentationCache(string name, long sizeLimitBytes, CacheControlHeaders cacheControl, TimeProvider time, CacheMetrics metrics)
    {
        _time = time;
        _cacheControl = cacheControl;
        _metrics = metrics;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = sizeLimitBytes, CompactionPercentage = 0.25 });
        metrics.Register(this, name);
    }

    /// <summary>How many representations have been rendered (misses), for tests and diagnostics.</summary>
    public long Renders => Interlocked.Read(ref _renders);

    /// <summary>The bytes its entries hold now (every coding).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>
    /// The cached representation of <paramref name="key"/> at <paramref name="version"/> of
    /// <paramref name="dependency"/>, rendered by <paramref name="render"/> on a miss and served as
    /// <paramref name="contentType"/>, with a reference taken for the caller: release it
    /// (<see cref="Representation.Release"/>) or execute its result once.
    /// </summary>
    public ValueTask<Representation> GetOrCreateAsync<TState>(
        in CacheKey key, string dependency, long version, string contentType, TState state, Func<TState, ValueTask<RenderedBody>> render)
    {
        var boxed = Intern(key);
        if (_cache.TryGetValue(boxed, out var value) && value is Representation hit && hit.Version == version
            && (hit.ExpiresAt is null || hit.ExpiresAt > _time.GetUtcNow()) && hit.TryAcquire())
        {
            _metrics.Lookup(hit: true);
            return ValueTask.FromResult(hit);
        }

        _metrics.Lookup(hit: false);
        return new ValueTask<Representation>(MissAsync(boxed, dependency, new Recipe<TState>(version, contentType, state, render)));
    }

    /// <summary>
    /// <see cref="GetOrCreateAsync"/> as an endpoint's result: on a hit it completes synchronously with the
    /// representation's own reusable <see cref="RepresentationResult"/>, allocating nothing. The result
    /// releases the caller's reference when it has written the response.
    /// </summary>
    public ValueTask<IResult> Serve<TState>(
        in CacheKey key, string dependency, long version, string contentType, TState state, Func<TState, ValueTask<RenderedBody>> render)
    {
        var lookup = GetOrCreateAsync(key, dependency, version, contentType, state, render);
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult<IResult>(lookup.Result.ResultFor(_cacheControl, _metrics))
            : AwaitResult(lookup, _cacheControl, _metrics);

        static async ValueTask<IResult> AwaitResult(ValueTask<Representation> pending, CacheControlHeaders cacheControl, CacheMetrics metrics) =>
            (await pending.ConfigureAwait(false)).ResultFor(cacheControl, metrics);
    }

    /// <summary>Evicts every entry that depends on <paramref name="dependency"/>, and any render of one now under way.</summary>
    public void Invalidate(string dependency)
    {
        if (_tokens.TryRemove(dependency, out var cts))
        {
            cts.Cancel();
            cts.Dispose();
        }
    }

    private async Task<Representation> MissAsync<TState>(BoxedKey boxed, string dependency, Recipe<TState> recipe)
    {
        var flightKey = (boxed, recipe.Version);
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
                () => Task.Run(() => RenderAndStoreAsync(boxed, dependency, recipe)), LazyThreadSafetyMode.ExecutionAndPublication));
            Representation representation;
            try
            {
                representation = await flight.Value.ConfigureAwait(false);
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
        return await RenderAsync(boxed, dependency, recipe).ConfigureAwait(false);
    }

    /// <summary>
    /// Renders, stores with a reference held by the cache until eviction, and returns the representation
    /// with its creator's reference, which stands for the flight's until the flight is removed.
    /// </summary>
    private async Task<Representation> RenderAndStoreAsync<TState>(BoxedKey boxed, string dependency, Recipe<TState> recipe)
    {
        // The token is taken before rendering: a change during the render cancels it, and the entry is
        // then evicted as soon as it is stored.
        var token = TokenFor(dependency);
        var representation = await RenderAsync(boxed, dependency, recipe).ConfigureAwait(false);
        var options = new MemoryCacheEntryOptions { Size = representation.Size };
        if (representation.ExpiresAt is { } expires)
        {
            // Relative, because the memory cache keeps its own clock and ours may be a test's fake one.
            options.AbsoluteExpirationRelativeToNow = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (expires - _time.GetUtcNow()).Ticks));
        }

        options.AddExpirationToken(new CancellationChangeToken(token));
        options.RegisterPostEvictionCallback(static (_, value, _, state) =>
        {
            var evicted = (Representation)value!;
            Interlocked.Add(ref ((RepresentationCache)state!)._bytes, -evicted.Size);
            evicted.Release();
        }, this);
        representation.TryAcquire(); // the cache's reference: cannot fail, the creator's is still held
        Interlocked.Add(ref _bytes, representation.Size);
        _cache.Set(boxed, representation, options);
        return representation;
    }

    /// <summary>
    /// The representation of a miss: from the fleet's shared level when there is one (rendered here only if no instance
    /// has it yet, and then shared), else rendered here.
    /// </summary>
    private async Task<Representation> RenderAsync<TState>(BoxedKey boxed, string dependency, Recipe<TState> recipe)
    {
        if (_shared is null)
        {
            return await RenderHereAsync(boxed, dependency, recipe).ConfigureAwait(false);
        }

        Representation? here = null;
        var shared = await _shared.GetOrRenderAsync(SharedKey(boxed.Key, recipe.Version), async _ =>
        {
            here = await RenderHereAsync(boxed, dependency, recipe).ConfigureAwait(false);
            return here.ToShared();
        }, CancellationToken.None).ConfigureAwait(false);
        return here ?? new Representation(shared, recipe.ContentType, recipe.Version, PublicUrls.EscapeSegments(dependency));
    }

    /// <summary>
    /// The fleet-wide name of <paramref name="key"/> at <paramref name="version"/> (a content version, the same on every
    /// instance for the same captures): <c>r|{resource}|{name}|{limit}|{page}|{scheme}|{host}|{path base}|{version}</c>.
    /// </summary>
    internal static string SharedKey(in CacheKey key, long version) => string.Join('|', "r", key.Resource, Escape(key.Name),
        key.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), key.Page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Escape(key.Origin.Scheme), Escape(key.Origin.Host), Escape(key.Origin.PathBase), version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Escape(string? part) => part is null ? "" : part.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal);

    /// <summary>Renders, compresses and hashes one representation, in a span of its own, counted in the metrics.</summary>
    private async Task<Representation> RenderHereAsync<TState>(BoxedKey boxed, string dependency, Recipe<TState> recipe)
    {
        var kind = CacheMetrics.KindOf(boxed.Key.Resource);
        var format = CacheMetrics.FormatOf(recipe.ContentType);
        using var activity = Telemetry.Source.StartActivity("render");
        activity?.SetTag("ifpfeeds.kind", kind).SetTag("ifpfeeds.format", format);
        var started = _time.GetTimestamp();
        var body = await recipe.Render(recipe.State).ConfigureAwait(false);
        var representation = new Representation(body.Body, recipe.ContentType, LastModified.NotAfterNow(body.LastModified, _time), recipe.Version,
            expiresAt: body.ExpiresAt, link: body.Link, surrogateKey: PublicUrls.EscapeSegments(dependency));
        Interlocked.Increment(ref _renders);
        _metrics.Rendered(kind, format, _time.GetElapsedTime(started).TotalSeconds, representation.Identity.Length);
        activity?.SetTag("ifpfeeds.size", representation.Identity.Length);
        return representation;
    }

    private BoxedKey Intern(in CacheKey key)
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

    public void Dispose()
    {
        _metrics.Unregister(this);
        _cache.Dispose();
        foreach (var cts in _tokens.Values)
        {
            cts.Dispose();
        }
    }

    /// <summary>
    /// A key as an object for <see cref="IMemoryCache"/>; equal by value, its hash computed once (the memory cache
    /// hashes it on every lookup, and the interned instance is looked up on every request).
    /// </summary>
    private sealed class BoxedKey(CacheKey key) : IEquatable<BoxedKey>
    {
        private readonly int _hash = key.GetHashCode();

        public CacheKey Key { get; } = key;

        public bool Equals(BoxedKey? other) => ReferenceEquals(this, other) || (other is not null && _hash == other._hash && Key.Equals(other.Key));

        public override bool Equals(object? obj) => Equals(obj as BoxedKey);

        public override int GetHashCode() => _hash;
    }

    /// <summary>What a miss needs to render: made on a miss only, so a hit allocates nothing.</summary>
    private sealed record Recipe<TState>(long Version, string ContentType, TState State, Func<TState, ValueTask<RenderedBody>> Render);
}
