using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>profile-load DIR [--rounds R]</c>: splits what the store does at start-up into phases, timed one by one on
/// the same folder, to see what dominates its load time: listing the folder; open + stat + read of every file (in
/// parallel, as the store reads them); parsing the bytes already in memory (in parallel); building the snapshot;
/// and the store's own combined pass (open, stat, read, parse per file, in parallel). Each phase reports its wall time,
/// the GCs it caused and the GC pause time. Run it in a fresh process per measurement: the first round includes
/// JIT warm-up, as the service's start does; later rounds are warm. Set DOTNET_gcServer=1 to use the service's GC.
/// </summary>
internal static class ProfileLoad
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: profile-load DIR [--rounds R]");
            return 2;
        }

        var folder = Path.GetFullPath(args[0]);
        var rounds = args.Length >= 3 && args[1] == "--rounds" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
        Console.WriteLine($"profile-load {folder}: {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, " +
            $"tiered compilation {Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default"}");

        using var source = new FolderCaptureSource(folder, Microsoft.Extensions.Logging.Abstractions.NullLogger<FolderCaptureSource>.Instance); // reads as the store does
        for (var round = 1; round <= rounds; round++)
        {
            Console.WriteLine($"round {round}{(round == 1 ? " (JIT cold, as at service start)" : " (warm)")}:");
            List<string> names = [];
            Phase("list folder (the store's own listing)", () =>
            {
                names = [.. source.ListNames()];
                return names.Count;
            });

            var bytes = new byte[names.Count][];
            var lastWrites = new DateTime[names.Count];
            Phase("open + stat + read (the store's first load), parallel, copied", () =>
            {
                Parallel.For(0, names.Count, i =>
                {
                    using var read = source.Read(names[i], int.MaxValue);
                    lastWrites[i] = read.Stat.LastWriteUtc;
                    bytes[i] = read.Span.ToArray(); // kept for the parse phases below
                });
                return names.Count;
            });

            var articles = new Article[names.Count];
            Phase("parse from memory, parallel", () =>
            {
                Parallel.For(0, names.Count, i =>
                    articles[i] = CaptureParser.Parse(names[i], bytes[i], new DateTimeOffset(lastWrites[i], TimeSpan.Zero)).Article!);
                return articles.Count(a => a is not null);
            });

            Phase("parse from memory, one thread", () =>
            {
                var ok = 0;
                for (var i = 0; i < names.Count; i++)
                {
                    ok += CaptureParser.Parse(names[i], bytes[i], new DateTimeOffset(lastWrites[i], TimeSpan.Zero)).Article is null ? 0 : 1;
                }

                return ok;
            });

            Phase("ArticleSnapshot.Build", () =>
                ArticleSnapshot.Build(articles.Where(a => a is not null).ToList(), [], StoreStatus.Healthy, null, DateTimeOffset.UtcNow, 1).Articles.Length);

            bytes = [];
            articles = [];
            GC.Collect();
            var queue = new ConcurrentQueue<Article>();
            Phase("store-like pass: open, stat, read, parse per file, parallel", () =>
            {
                Parallel.ForEach(names, name =>
                {
                    using var read = source.Read(name, int.MaxValue);
                    if (CaptureParser.Parse(name, read.Span, new DateTimeOffset(read.Stat.LastWriteUtc, TimeSpan.Zero)).Article is { } article)
                    {
                        queue.Enqueue(article);
                    }
                });
                return queue.Count;
            });

            GC.Collect();
            var held = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"  managed heap after the pass, articles held: {held / 1048576.0:N0} MiB " +
                $"({held / (double)Math.Max(1, queue.Count):N0} bytes per article); process working set {Environment.WorkingSet / 1048576.0:N0} MiB");

            // What sharing the strings that repeat across captures (sidebar posts, bios, section labels) would save.
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            string Share(string value) => pool.TryGetValue(value, out var shared) ? shared : pool[value] = value;
            string? ShareOrNull(string? value) => value is null ? null : Share(value);
            var shared = queue.Select(a => a with
            {
                Section = Share(a.Section),
                SectionSlug = Share(a.SectionSlug),
                Author = ShareOrNull(a.Author),
                AuthorBio = ShareOrNull(a.AuthorBio),
                RecentPosts = [.. a.RecentPosts.Select(p => p with { Title = Share(p.Title), Excerpt = ShareOrNull(p.Excerpt), Ago = Share(p.Ago) })],
            }).ToList();
            queue.Clear();
            pool.Clear();
            var heldShared = GC.GetTotalMemory(forceFullCollection: true);
            Console.WriteLine($"  the same articles with repeated strings shared (sidebar titles, excerpts, ago; bios; sections): " +
                $"{heldShared / 1048576.0:N0} MiB ({heldShared / (double)Math.Max(1, shared.Count):N0} bytes per article)");
            GC.KeepAlive(shared);
        }

        return 0;
    }

    private static void Phase(string name, Func<int> body)
    {
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes();
        var sw = Stopwatch.StartNew();
        var n = body();
        sw.Stop();
        var perItem = n > 0 ? sw.Elapsed.TotalMicroseconds / n : 0;
        Console.WriteLine($"  {name,-56} {sw.Elapsed.TotalMilliseconds,8:N0} ms  {perItem,7:N1} µs/file  " +
            $"GC0/1/2 {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}  " +
            $"pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,6:N0} ms  alloc {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0,7:N0} MiB  ({n:N0})");
    }
}
