using BenchmarkDotNet.Running;
using IfpFeeds.Benchmarks;

// `verify ...` checks that generated captures parse (see Verify), `profile-load DIR` times the phases of the
// store's start-up load (see ProfileLoad), `profile-digest` runs full digest merges for a profiler (see ProfileDigest), `soak-client ...` is
// bench/soak.sh's HTTP client (see SoakClient), `alloc-ticks TRACE` sums a server's allocations from an EventPipe trace
// (see AllocTicks); anything else goes to BenchmarkDotNet,
// e.g. `--filter '*'` (every benchmark, each with its [ShortRunJob]) or `--list flat`.
if (args.Length > 0 && args[0] == "verify")
{
    return Verify.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile-load")
{
    return ProfileLoad.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile-digest")
{
    return ProfileDigest.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile-render")
{
    return ProfileRender.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "soak-client")
{
    return SoakClient.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "alloc-ticks")
{
    return AllocTicks.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CaptureParserBenchmarks).Assembly).Run(args);
return 0;
