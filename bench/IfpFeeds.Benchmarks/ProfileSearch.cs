using System.Diagnostics;
using System.Globalization;
using IfpFeeds.Search;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>profile-search [--count N] [--runs R]</c>: keyword search over N generated captures (default 100,000, seed 1,
/// 16 sections) parsed in memory. Prints the index's build time and size, then for each query (common ones that stop
/// at <see cref="SearchIndex.MaxResults"/>, rare ones and misses that scan everything, and the worst kind for the
/// word-start rule: a query found inside many words but at the start of none; a phrase of common words that is nowhere;
/// a query the word-start filter cannot help) the matches and the scan time over R
/// runs (default 30) after 3 warm-up runs: median, 95th percentile and max, one thread.
/// </summary>
internal static class ProfileSearch
{
    private static readonly string[] Queries =
    [
        "bandar abbas", "the government will", "e", "Iran", // common: stop at the cap
        "47,061", "frank and friendly", "knowledge-based", // rarer
        "zzzqx", "تهران", "ＩＲＡＮ ２０２４", // no match: a whole scan
        "ing", "ess", "tion", // inside many words, at the start of few: the word-start rule's worst case
        "the government will not", // common words, a phrase that is nowhere: the filter lets every article through
        "北京", "(", // no word-start rule, so no filter: a whole scan; a common mark
    ];

    public static int Run(string[] args)
    {
        var count = 100_000;
        var runs = 30;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs" when i + 1 < args.Length: runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: profile-search [--count N] [--runs R]");
                    return 2;
            }
        }

        var snapshot = GeneratedSnapshot.Build(GeneratedSnapshot.Parse(count));
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var index = SearchIndex.Build(snapshot, previous: null);
        var build = clock.Elapsed.TotalMilliseconds;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        var rebuilt = SearchIndex.Build(GeneratedSnapshot.Build(snapshot.Articles, version: 2, previous: snapshot), index); // the next snapshot: nothing to fold
        var rebuild = clock.Elapsed.TotalMilliseconds;
        GC.KeepAlive(rebuilt);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} captures: index built in {build:F0} ms (first), {rebuild:F0} ms (next snapshot, nothing changed); folded text {index.Bytes / 1048576.0:F1} MiB, managed heap +{(heapAfter - heapBefore) / 1048576.0:F1} MiB"));
        Console.WriteLine($"{"query",-22} {"matches",8} {"median ms",10} {"p95 ms",8} {"max ms",8}");
        foreach (var query in Queries)
        {
            var folded = SearchText.Needle(SearchText.FoldQuery(query));
            var matches = 0;
            for (var w = 0; w < 3; w++)
            {
                matches = index.Find(folded).Length;
            }

            var times = new double[runs];
            for (var r = 0; r < runs; r++)
            {
                var start = Stopwatch.GetTimestamp();
                matches = index.Find(folded).Length;
                times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{query,-22} {matches,8:N0} {times[runs / 2],10:F2} {times[(int)Math.Ceiling(runs * 0.95) - 1],8:F2} {times[^1],8:F2}"));
        }

        return 0;
    }
}
