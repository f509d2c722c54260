using System.Numerics;

namespace IfpFeeds.Search;

/// <summary>
/// A small Bloom filter per article of how its words start (the first 3 bytes of each folded word; a 2-byte word
/// whole), so that a search for a word-start needle skips, without scanning, nearly every article that cannot hold it:
/// a query that matches nothing (a typo, random text: the costly kind, as it scans everything) then reads ~10% of the
/// text. About 4 bits per word; two bits per key. The filter can say "maybe" wrongly, never "no" wrongly.
/// </summary>
internal static class WordStartFilter
{
    private const byte Space = (byte)' ', LineFeed = (byte)'\n';

    /// <summary>The filter of a folded text (<see cref="SearchText.FoldFields"/>): every word starts after a space.</summary>
    public static ulong[] Build(ReadOnlySpan<byte> text)
    {
        var words = text.Count(Space);
        var bits = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, words * 4));
        var filter = new ulong[bits / 64];
        for (var at = text.IndexOf(Space); at >= 0 && at + 1 < text.Length;)
        {
            var word = text[(at + 1)..];
            if (KeyOf(word, complete: true) is { } key)
            {
                Set(filter, key);
            }

            var next = word.IndexOf(Space);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return filter;
    }

    /// <summary>
    /// The keys an article's filter must hold for it to hold <paramref name="needle"/> (<see cref="SearchText.Needle"/>):
    /// one for each word of the needle that starts after a space (so not a query's first word when it may start mid-word),
    /// but for words of 1 byte and last words of 2 that may go on ("in" finds "inside"); at most 8.
    /// </summary>
    public static ulong[] KeysOf(ReadOnlySpan<byte> needle)
    {
        var keys = new List<ulong>(4);
        for (var at = needle.IndexOf(Space); at >= 0 && at + 1 < needle.Length && keys.Count < 8;)
        {
            var word = needle[(at + 1)..];
            if (KeyOf(word, complete: false) is { } key && !keys.Contains(key))
            {
                keys.Add(key);
            }

            var next = word.IndexOf(Space);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return [.. keys];
    }

    /// <summary>Whether <paramref name="filter"/> may hold every one of <paramref name="keys"/>.</summary>
    public static bool MayHold(ulong[] filter, ulong[] keys)
    {
        foreach (var key in keys)
        {
            var (first, second) = Positions(key, filter.Length * 64);
            if ((filter[first >> 6] & (1UL << first)) == 0 || (filter[second >> 6] & (1UL << second)) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A word's key: its first 3 bytes, or a 2-byte word with its end. In a text every word is whole
    /// (<paramref name="complete"/>); a query's first word is whole only when a space follows it.
    /// </summary>
    private static ulong? KeyOf(ReadOnlySpan<byte> word, bool complete)
    {
        var length = 0;
        while (length < word.Length && length < 3 && word[length] is not (Space or LineFeed))
        {
            length++;
        }

        var whole = length < word.Length || complete;
        return length switch
        {
            3 => word[0] | ((ulong)word[1] << 8) | ((ulong)word[2] << 16),
            2 when whole => word[0] | ((ulong)word[1] << 8) | (0x1FFUL << 16), // no byte is 0x1FF: apart from every 3-byte key
            _ => null,
        };
    }

    private static void Set(ulong[] filter, ulong key)
    {
        var (first, second) = Positions(key, filter.Length * 64);
        filter[first >> 6] |= 1UL << first;
        filter[second >> 6] |= 1UL << second;
    }

    private static (int, int) Positions(ulong key, int bits)
    {
        var hash = key * 0x9E3779B97F4A7C15UL;
        var mask = (ulong)bits - 1;
        return ((int)((hash >> 20) & mask), (int)((hash >> 42) & mask));
    }
}
