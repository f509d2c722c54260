using System.Diagnostics;
using IfpFeeds.Digest;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>profile-digest [--count N] [--rounds R] [--unique]</c>: builds the snapshot of N generated captures (default
/// 100,000; with <c>--unique</c>, every sidebar post distinct), then runs R full digest merges from an empty index
/// (default 8, after 2 unmeasured ones), printing each one's wall time, allocation, GC counts and the managed memory
/// the index holds. Meant to run under a sampling profiler (<c>perf record</c> with
/// <c>DOTNET_PerfMapEnabled=1</c>, see bench/README.md): the merges are the only work after the setup line.
/// </summary>
internal static class ProfileDigest
{
    public static int Run(string[] args)
    {
        var count = DigestMergeBenchmarks.Captures;
        var rounds = 8;
        var unique = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--unique": unique = true; break;
                default:
                    Console.Error.WriteLine("usage: profile-digest [--count N] [--rounds R] [--unique]");
                    return 2;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var articles = GeneratedSnapshot.Parse(count, uniqueSidebars: unique);
        var snapshot = GeneratedSnapshot.Build(articles);
        Console.WriteLine($"setup: {count:N0} captures parsed and snapshot built in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:N0} ms; " +
            $"{articles.Sum(a => a.RecentPosts.Length):N0} sidebar readings");
        for (var round = -2; round < rounds; round++)
        {
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var t = Stopwatch.GetTimestamp();
            var index = new DigestIndex();
            index.Update(snapshot);
            var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            var allocatedMiB = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0;
            var (g0, g1, g2) = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
            var held = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
            Console.WriteLine($"{(round < 0 ? "warm-up" : $"round {round + 1}")}: full merge {ms:N0} ms, {allocatedMiB:N0} MiB allocated, " +
                $"GCs gen0/1/2 {g0}/{g1}/{g2}, {index.Current.Posts.Length} posts, the index holds {held:N0} MiB");
            GC.KeepAlive(index);
        }

        return 0;
    }
}
