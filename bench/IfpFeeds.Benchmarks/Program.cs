using BenchmarkDotNet.Running;
using IfpFeeds.Benchmarks;

// `verify ...` checks that generated captures parse (see Verify), `profile-load DIR` times the phases of the
// store's start-up load (see ProfileLoad); anything else goes to BenchmarkDotNet,
// e.g. `--filter '*'` (every benchmark, each with its [ShortRunJob]) or `--list flat`.
if (args.Length > 0 && args[0] == "verify")
{
    return Verify.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "profile-load")
{
    return ProfileLoad.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(CaptureParserBenchmarks).Assembly).Run(args);
return 0;
