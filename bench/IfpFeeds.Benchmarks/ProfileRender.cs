using System.Diagnostics;
using IfpFeeds.Feeds;
using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>profile-render [rss|atom|json] [--seconds S]</c>: renders the 50-item <c>all</c> feed of 500 generated captures
/// (ArticleFeedDocuments.Build + the renderer, as <see cref="FeedRenderBenchmarks"/>) in a loop for S seconds (default 10)
/// after a 3 s warm-up, printing renders per second. Meant to run under <c>perf record</c> (bench/README.md).
/// </summary>
internal static class ProfileRender
{
    public static int Run(string[] args)
    {
        var format = args.Length > 0 && FeedFormats.TryParse(args[0], out var f) ? f : FeedFormat.Json;
        var seconds = args.Length > 2 && args[1] == "--seconds" ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var feed = GeneratedSnapshot.AllFeed();
        SegmentedBytes Render() => FeedFormats.Render(feed.Build(format), format);
        GeneratedSnapshot.Warm(3, () => Render());
        Console.WriteLine($"rendering {format} for {seconds} s");
        var n = 0;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            _ = Render();
            n++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"{n:N0} renders in {elapsed:N1} s: {elapsed * 1e6 / n:N0} µs each");
        return 0;
    }
}
