using System.Collections.Concurrent;

namespace IfpFeeds.Caching;

/// <summary>
/// Fixed-size byte arrays ("slabs") that cached bodies are made of, recycled when a cached
/// <see cref="Representation"/> is released. A service whose cache is full keeps rendering new entries and
/// evicting old ones; with fresh arrays every evicted body would be gen2 garbage waiting for a full
/// collection, and the process would hold the cache's size several times over (bench/memory-urls.sh). With
/// slabs, an evicted body's memory is the next render's, and the process holds about the cache's size.
/// </summary>
/// <remarks>
/// The shared <c>ArrayPool</c> is not used: it keeps a handful of arrays per size, and trims them
/// under memory pressure, where this pool must keep about as many as the cache holds.
/// A slab that is never returned (a body built outside the cache, or a reference never released) is simply
/// collected: returning is an optimisation, not an obligation.
/// </remarks>
public sealed class SlabPool
{
    /// <summary>16 KiB: small enough that a body's last, partly filled slab wastes little; far below the LOH threshold.</summary>
    public const int SlabSize = 16 * 1024;

    /// <summary>The pool cached bodies come from; sized at start from <c>Feeds:CacheSizeLimitBytes</c> (<see cref="SlabPoolSizing"/>).</summary>
    public static readonly SlabPool Shared = new(maxFree: 0);

    private readonly ConcurrentQueue<byte[]> _free = new();
    private int _freeCount;

    private int _maxFree;

    public SlabPool(int maxFree) => _maxFree = maxFree;

    /// <summary>How many free slabs are kept at most; more are left to the garbage collector.</summary>
    public int MaxFree
    {
        get => Volatile.Read(ref _maxFree);
        set => Volatile.Write(ref _maxFree, value);
    }

    /// <summary>Raises <see cref="MaxFree"/> to at least <paramref name="slabs"/> (several caches in one process share the pool).</summary>
    public void KeepAtLeast(int slabs)
    {
        var seen = MaxFree;
        while (seen < slabs && Interlocked.CompareExchange(ref _maxFree, slabs, seen) != seen)
        {
            seen = MaxFree;
        }
    }

    /// <summary>How many free slabs the pool holds now.</summary>
    public int FreeCount => Volatile.Read(ref _freeCount);

    public byte[] Rent()
    {
        if (_free.TryDequeue(out var slab))
        {
            Interlocked.Decrement(ref _freeCount);
            return slab;
        }

        return GC.AllocateUninitializedArray<byte>(SlabSize, pinned: true);
    }

    /// <summary>Keeps <paramref name="slab"/> for the next <see cref="Rent"/>; an array of another size, or one over <see cref="MaxFree"/>, is dropped.</summary>
    public void Return(byte[] slab)
    {
        if (slab.Length != SlabSize)
        {
            return;
        }

        if (Interlocked.Increment(ref _freeCount) > MaxFree)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }

        _free.Enqueue(slab);
    }
}
