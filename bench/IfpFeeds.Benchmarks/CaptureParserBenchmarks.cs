using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.CaptureGenerator;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <see cref="CaptureParser.Parse"/> on one capture at a time: the two real captures, a typical generated capture
/// (with front matter, about 3 KB), and a mix of generated captures (every variant the generator makes: CRLF, BOM,
/// no header, no byline, untidy white space…), reported per capture. The bytes are made once in the setup.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[IterationTime(250)] // ms: at least 100 ms per iteration even for the single-capture cases
public class CaptureParserBenchmarks
{
    /// <summary>Captures in <see cref="GeneratedMix"/>: enough to cover the generator's variants.</summary>
    public const int MixSize = 256;

    private static readonly DateTimeOffset LastWrite = new(2025, 5, 5, 10, 30, 0, TimeSpan.Zero);

    private byte[] _real000 = [];
    private byte[] _real003 = [];
    private GeneratedCapture _typical = null!;
    private GeneratedCapture[] _mix = [];

    [GlobalSetup]
    public void Setup()
    {
        var articles = RepoPaths.ArticlesFolder();
        _real000 = File.ReadAllBytes(Path.Join(articles, RepoPaths.Real000));
        _real003 = File.ReadAllBytes(Path.Join(articles, RepoPaths.Real003));

        var generator = new CaptureSetGenerator(seed: 1, count: 10_000, sectionCount: 16);
        _mix = [.. Enumerable.Range(0, MixSize).Select(generator.Generate)];
        _typical = TypicalCapture(generator);

        // Benchmark the success path only: every capture here must parse.
        Check(CaptureParser.Parse(RepoPaths.Real000, _real000, LastWrite));
        Check(CaptureParser.Parse(RepoPaths.Real003, _real003, LastWrite));
        foreach (var capture in _mix.Append(_typical))
        {
            Check(CaptureParser.Parse(capture.FileName, capture.Bytes, capture.LastWriteUtc));
        }

        // Steady state, as in a long-running service: run every parser path until the JIT has tiered it up. Without
        // this the mix's first ~2 s run at tier 0 (~40 µs per capture instead of ~14), because each new path (CRLF,
        // BOM, untidy white space...) JITs new methods and so postpones tiering; the short job's warm-ups end too soon.
        // The start-up cost itself is what bench/load-store.sh measures.
        var warmUntil = Stopwatch.GetTimestamp() + (3 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            _ = Real000();
            _ = Real003();
            _ = GeneratedTypical();
            _ = GeneratedMix();
        }

        Console.WriteLine($"// typical generated capture: {_typical.FileName}, {_typical.Bytes.Length:N0} bytes; " +
            $"mix: {MixSize} captures, {_mix.Average(c => c.Bytes.Length):N0} bytes on average; " +
            $"real: {_real000.Length:N0} and {_real003.Length:N0} bytes");
    }

    /// <summary>The first capture from #100 on with front matter, LF line ends and 2,900–3,300 bytes.</summary>
    internal static GeneratedCapture TypicalCapture(CaptureSetGenerator generator)
    {
        for (var i = 100; i < generator.Count; i++)
        {
            var capture = generator.Generate(i);
            if (capture.HasFrontMatter && capture.Bytes.Length is >= 2_900 and <= 3_300 && !capture.Bytes.AsSpan().Contains((byte)'\r'))
            {
                return capture;
            }
        }

        throw new InvalidOperationException("no typical capture in the set");
    }

    private static void Check(CaptureParseResult result)
    {
        if (result.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"{rejection.FileName} was rejected: {rejection.Reason}");
        }
    }

    [Benchmark(Description = "Parse real 000_b921 (3,244 B)")]
    public CaptureParseResult Real000() => CaptureParser.Parse(RepoPaths.Real000, _real000, LastWrite);

    [Benchmark(Description = "Parse real 003_1065 (2,727 B)")]
    public CaptureParseResult Real003() => CaptureParser.Parse(RepoPaths.Real003, _real003, LastWrite);

    [Benchmark(Description = "Parse generated, typical (~3 KB)")]
    public CaptureParseResult GeneratedTypical() => CaptureParser.Parse(_typical.FileName, _typical.Bytes, _typical.LastWriteUtc);

    /// <summary>Per capture: BenchmarkDotNet divides by <see cref="MixSize"/>.</summary>
    [Benchmark(Description = "Parse generated mix (per capture)", OperationsPerInvoke = MixSize)]
    public int GeneratedMix()
    {
        var parsed = 0;
        foreach (var capture in _mix)
        {
            if (CaptureParser.Parse(capture.FileName, capture.Bytes, capture.LastWriteUtc).Article is not null)
            {
                parsed++;
            }
        }

        return parsed;
    }
}
