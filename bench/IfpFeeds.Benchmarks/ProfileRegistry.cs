using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Logging.Abstractions;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>profile-registry [--count N] [--rounds R]</c>: what the first-seen registry costs the store, in a temp folder.
/// Round 1 opens an empty registry, sights N new capture ids and writes them (a first start); each later round
/// reopens it (loading N rows), sights the same N ids with the same hashes (a restart) and flushes (nothing to
/// write). Then the content hash next to SHA-256, over N captures of 4 KB on one thread. Defaults: 100,000, 3.
/// </summary>
internal static class ProfileRegistry
{
    public static int Run(string[] args)
    {
        var count = 100_000;
        var rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length: count = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds" when i + 1 < args.Length: rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine("usage: profile-registry [--count N] [--rounds R]");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("ifpfeeds-profile-registry-").FullName;
        try
        {
            var written = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var ids = Enumerable.Range(0, count).Select(i => $"{i:D6}_{(uint)i * 2654435761u:x8}").ToArray();
            for (var round = 1; round <= rounds; round++)
            {
                var clock = Stopwatch.StartNew();
                using var registry = new SqliteFirstSeenRegistry(folder, TimeProvider.System, NullLogger<SqliteFirstSeenRegistry>.Instance);
                var open = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                for (var i = 0; i < ids.Length; i++)
                {
                    registry.Sight(ids[i], (UInt128)(ulong)i * 0x9E3779B97F4A7C15UL, written.AddSeconds(i));
                }

                var sights = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                registry.Flush();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} ({(round == 1 ? "first start" : "restart")}): open + load {open:F0} ms, {count:N0} sights {sights:F0} ms, flush {clock.Elapsed.TotalMilliseconds:F0} ms"));
            }

            var capture = new byte[4096];
            new Random(1).NextBytes(capture);
            var xx = Stopwatch.StartNew();
            UInt128 sink = 0;
            for (var i = 0; i < count; i++)
            {
                sink = XxHash128.HashToUInt128(capture);
            }

            var xxMs = xx.Elapsed.TotalMilliseconds;
            var sha = Stopwatch.StartNew();
            Span<byte> digest = stackalloc byte[32];
            for (var i = 0; i < count; i++)
            {
                SHA256.HashData(capture, digest);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hash {count:N0} x 4 KB on one thread: XxHash128 {xxMs:F0} ms, SHA-256 {sha.Elapsed.TotalMilliseconds:F0} ms (hash {sink:x32})"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
