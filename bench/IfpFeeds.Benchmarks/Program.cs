using BenchmarkDotNet.Running;
using IfpFeeds.Benchmarks;

// Helper commands (see each class): `verify ...` checks that generated captures parse (Verify); `profile-load DIR`
// times the phases of the store's start-up load (ProfileLoad); `profile-digest` and `profile-render` loop over the
// digest merge and feed rendering for a profiler (ProfileDigest, ProfileRender); `profile-registry` times the first-seen
// registry (ProfileRegistry); `profile-search` times keyword search (ProfileSearch); `soak-client ...` is bench/soak.sh's
// HTTP client (SoakClient); `alloc-ticks TRACE` sums a server's allocations from an EventPipe trace (AllocTicks).
// Anything else goes to BenchmarkDotNet, e.g. `--filter '*'` (every benchmark, each with its [ShortRunJob]) or
// `--list flat`.
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

if (args.Length > 0 && args[0] == "profile-registry")
{
    return ProfileRegistry.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile-search")
{
    return ProfileSearch.Run(args[1..]);
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
