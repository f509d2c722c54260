using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace IfpFeeds.Captures;

/// <summary>
/// Shares the strings that repeat across captures (sidebar titles, excerpts and times, author names and
/// bios, section labels): at 100,000 captures this keeps about 40% less text alive. Bounded, so captures
/// that churn through new titles cannot grow it without end; past the bound strings are simply not shared.
/// A string is kept from the second time it is seen: one seen only once (the sidebars of an archive that
/// spans years rarely repeat) costs a bit in <see cref="_seen"/>, not an entry in the dictionary.
/// </summary>
public sealed class StringPool(int capacity = 500_000)
{
    /// <summary>Bits of <see cref="_seen"/>: 4 Mi (512 KiB), a quarter set after 1.2 million distinct strings.</summary>
    private const int SeenBits = 1 << 22;

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    /// <summary>One bit per string hash: set once a string with that hash has been seen (a collision only pools early).</summary>
    private readonly int[] _seen = new int[SeenBits / 32];

    /// <summary>
    /// How many strings the pool holds or is about to add. Kept here because <c>ConcurrentDictionary.Count</c>
    /// takes every one of the dictionary's locks (up to 1,024 once it is large): asked on each new string,
    /// it made a load whose sidebars are all different ten times slower (bench/README.md).
    /// </summary>
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Intern(string value)
    {
        // A string whose hash was never seen is in no dictionary (a string is added only once its bit is set): most of an
        // archive's sidebar text is such, and the bit alone answers for it, without a look in the dictionary.
        if (FirstSighting(value))
        {
            return value;
        }

        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (Volatile.Read(ref _count) >= capacity)
        {
            return value;
        }

        // Reserve a place first, so the pool never holds more than its capacity.
        if (Interlocked.Increment(ref _count) > capacity)
        {
            Interlocked.Decrement(ref _count);
            return value;
        }

        if (_strings.TryAdd(value, value))
        {
            return value;
        }

        // Another reader added an equal string first: share that one, and give the place back.
        Interlocked.Decrement(ref _count);
        return _strings.TryGetValue(value, out shared) ? shared : value;
    }

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);

    /// <summary>Marks <paramref name="value"/> as seen; true when no string with its hash had been.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FirstSighting(string value)
    {
        var hash = (uint)StringComparer.Ordinal.GetHashCode(value) % SeenBits;
        var bit = 1 << (int)(hash % 32);
        ref var word = ref _seen[hash / 32];
        return (Volatile.Read(ref word) & bit) == 0 && (Interlocked.Or(ref word, bit) & bit) == 0;
    }
}
