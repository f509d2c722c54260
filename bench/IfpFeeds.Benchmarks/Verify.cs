using System.Diagnostics;
using System.Globalization;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.CaptureGenerator;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>verify DIR</c> parses every <c>*.txt</c> of a folder (e.g. one the generator wrote);
/// <c>verify --count N --sections M [--seed S]</c> generates the set in memory and parses it, and also checks each
/// sidebar post against the generator's own post times. Both print what was parsed and every rejection, and exit 1
/// when any capture is rejected.
/// </summary>
internal static class Verify
{
    public static int Run(string[] args)
    {
        string? folder = null;
        int count = 1000, sections = 16;
        ulong seed = 1;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when i + 1 < args.Length:
                    count = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--sections" when i + 1 < args.Length:
                    sections = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--seed" when i + 1 < args.Length:
                    seed = ulong.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    if (args[i].StartsWith('-') || folder is not null)
                    {
                        Console.Error.WriteLine("usage: verify DIR | verify --count N --sections M [--seed S]");
                        return 2;
                    }

                    folder = args[i];
                    break;
            }
        }

        var stats = new Stats();
        var sw = Stopwatch.StartNew();
        if (folder is not null)
        {
            foreach (var path in Directory.EnumerateFiles(folder).Where(p => CaptureFiles.IsCandidate(Path.GetFileName(p))).Order(StringComparer.Ordinal))
            {
                var bytes = File.ReadAllBytes(path);
                var started = Stopwatch.GetTimestamp();
                var result = CaptureParser.Parse(Path.GetFileName(path), bytes, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero));
                stats.ParseTicks += Stopwatch.GetTimestamp() - started;
                stats.Add(result, bytes.Length);
            }

            Console.WriteLine($"Parsed {stats.Files:N0} files of {Path.GetFullPath(folder)} in {sw.ElapsedMilliseconds:N0} ms (reading included)");
        }
        else
        {
            var generator = new CaptureSetGenerator(seed, count, sections);
            var postTimes = generator.Pool.ToLookup(p => p.Title, p => p.Published, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var capture = generator.Generate(i);
                var started = Stopwatch.GetTimestamp();
                var result = CaptureParser.Parse(capture.FileName, capture.Bytes, capture.LastWriteUtc);
                stats.ParseTicks += Stopwatch.GetTimestamp() - started;
                stats.Add(result, capture.Bytes.Length);
                if (result.Article is { } article)
                {
                    // Each sidebar post's estimated time must be within the stated uncertainty of the post's real time.
                    foreach (var post in article.RecentPosts)
                    {
                        var estimated = article.Captured.AddSeconds(-post.OffsetSeconds);
                        if (!postTimes[post.Title].Any(t => Math.Abs((t - estimated).TotalSeconds) <= post.UncertaintySeconds + 1))
                        {
                            stats.SidebarMismatches++;
                            if (stats.SidebarMismatches <= 5)
                            {
                                Console.WriteLine($"  sidebar mismatch in {capture.FileName}: '{post.Title}' {post.Ago} (captured {article.Captured:O})");
                            }
                        }
                    }
                }
            }

            Console.WriteLine($"Generated and parsed {count:N0} captures over {sections} sections (seed {seed}) in {sw.ElapsedMilliseconds:N0} ms; " +
                $"sidebar posts off their real time by more than the stated uncertainty: {stats.SidebarMismatches}");
        }

        stats.Print();
        return stats.Rejections.Count == 0 && stats.SidebarMismatches == 0 ? 0 : 1;
    }

    private sealed class Stats
    {
        public int Files { get; private set; }
        public long Bytes { get; private set; }
        public long ParseTicks { get; set; }
        public int SidebarMismatches { get; set; }
        public List<CaptureRejection> Rejections { get; } = [];
        private readonly Dictionary<string, (string Label, int Count)> _sections = new(StringComparer.Ordinal);
        private int _articles, _withAuthor, _withBio, _withUrl, _paragraphs, _recentPosts, _withSidebar;

        public void Add(CaptureParseResult result, int length)
        {
            Files++;
            Bytes += length;
            if (result.Rejection is { } rejection)
            {
                Rejections.Add(rejection);
                return;
            }

            var a = result.Article!;
            _articles++;
            _sections[a.SectionSlug] = (a.Section, _sections.TryGetValue(a.SectionSlug, out var s) ? s.Count + 1 : 1);
            _withAuthor += a.Author is null ? 0 : 1;
            _withBio += a.AuthorBio is null ? 0 : 1;
            _withUrl += a.Url is null ? 0 : 1;
            _paragraphs += a.Paragraphs.Length;
            _recentPosts += a.RecentPosts.Length;
            _withSidebar += a.RecentPosts.IsEmpty ? 0 : 1;
        }

        public void Print()
        {
            var n = Math.Max(1, _articles);
            Console.WriteLine($"  files {Files:N0}, parsed {_articles:N0}, rejected {Rejections.Count:N0}; {Bytes / (double)Math.Max(1, Files):N0} bytes on average");
            Console.WriteLine($"  parse time {Stopwatch.GetElapsedTime(0, ParseTicks).TotalMilliseconds:N0} ms in all, " +
                $"{Stopwatch.GetElapsedTime(0, ParseTicks).TotalMicroseconds / Math.Max(1, Files):N1} µs per capture (one thread, cold and warm mixed)");
            Console.WriteLine($"  author {_withAuthor * 100.0 / n:F0}%, byline bio {_withBio * 100.0 / n:F0}%, url {_withUrl * 100.0 / n:F0}%, " +
                $"{_paragraphs / (double)n:F1} paragraphs and {_recentPosts / (double)Math.Max(1, _withSidebar):F1} recent posts per capture with a sidebar ({_withSidebar * 100.0 / n:F0}%)");
            Console.WriteLine($"  {_sections.Count} sections: " + string.Join(", ", _sections.OrderByDescending(s => s.Value.Count).Select(s => $"{s.Value.Label} [{s.Key}] {s.Value.Count:N0}")));
            foreach (var r in Rejections.Take(20))
            {
                Console.WriteLine($"  REJECTED {r.FileName}: {r.Reason}");
            }
        }
    }
}
