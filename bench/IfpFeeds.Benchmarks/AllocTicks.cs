using System.Globalization;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>alloc-ticks TRACE.nettrace --from S --to T [--requests N]</c>: what a server allocated between S and T seconds
/// after its trace started, from the runtime's GCAllocationTick events (one per ~100 KB allocated, naming the type
/// that crossed the mark), and the GCs in that window. The trace comes from the server's own environment, no tool
/// needed: <c>DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=TRACE.nettrace
/// DOTNET_EventPipeConfig=Microsoft-Windows-DotNETRuntime:0x1:5</c> (GC keyword, verbose), see bench/profile-feeds.sh.
/// With <c>--requests</c> (how many requests the window served) it prints bytes per request; with <c>--stacks</c> it
/// also groups the ticks by where they were allocated (the first frames outside the runtime's own libraries, resolved
/// from the trace's rundown).
/// </summary>
internal static class AllocTicks
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: alloc-ticks TRACE.nettrace --from S --to T [--requests N]");
            return 2;
        }

        double from = 0, to = double.MaxValue, requests = 0;
        var stacks = args.Contains("--stacks");
        args = [.. args.Where(a => a != "--stacks")];
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--from": from = value * 1000; break;
                case "--to": to = value * 1000; break;
                case "--requests": requests = value; break;
                default: return Run([]);
            }
        }

        long bytes = 0, ticks = 0;
        var byType = new Dictionary<string, long>(StringComparer.Ordinal);
        var gcs = new int[3];
        var pauseMs = 0.0;
        double? suspendStart = null;
        var lost = 0;
        using (var source = new EventPipeEventSource(args[0]))
        {
            bool InWindow(TraceEvent e) => e.TimeStampRelativeMSec >= from && e.TimeStampRelativeMSec < to;
            source.Clr.GCAllocationTick += e =>
            {
                if (!InWindow(e))
                {
                    return;
                }

                ticks++;
                bytes += e.AllocationAmount64;
                var type = e.TypeName ?? "?";
                byType[type] = byType.GetValueOrDefault(type) + e.AllocationAmount64;
            };
            source.Clr.GCStart += e =>
            {
                if (InWindow(e) && e.Depth is >= 0 and < 3)
                {
                    gcs[e.Depth]++;
                }
            };
            source.Clr.GCSuspendEEStart += e => suspendStart = InWindow(e) ? e.TimeStampRelativeMSec : null;
            source.Clr.GCRestartEEStop += e =>
            {
                if (suspendStart is { } start)
                {
                    pauseMs += e.TimeStampRelativeMSec - start;
                    suspendStart = null;
                }
            };
            source.Process();
            lost = source.EventsLost;
        }

        var seconds = (Math.Min(to, double.MaxValue) - from) / 1000;
        Console.WriteLine($"window {from / 1000:N1}–{to / 1000:N1} s: {bytes / 1048576.0:N1} MiB allocated ({ticks:N0} ticks), " +
            $"GCs gen0/1/2 {gcs[0]}/{gcs[1]}/{gcs[2]}, pauses {pauseMs:N0} ms" +
            (requests > 0 ? $"; {requests:N0} requests: {bytes / requests:N0} bytes per request" : "") +
            (seconds is > 0 and < 1e6 ? $"; {bytes / 1048576.0 / seconds:N1} MiB/s" : "") +
            $"; {lost} events lost");
        foreach (var (type, amount) in byType.OrderByDescending(t => t.Value).Take(12))
        {
            Console.WriteLine($"  {100.0 * amount / Math.Max(1, bytes),5:N1}%  {(requests > 0 ? $"{amount / requests,7:N0} B/req  " : "")}{type}");
        }

        if (stacks)
        {
            Console.WriteLine("by allocation site (type <- first frames outside System.Private.CoreLib, System.Collections, System.Linq):");
            foreach (var (site, amount) in BySite(args[0], from, to).OrderByDescending(t => t.Value).Take(25))
            {
                Console.WriteLine($"  {100.0 * amount / Math.Max(1, bytes),5:N1}%  {(requests > 0 ? $"{amount / requests,7:N0} B/req  " : "")}{site}");
            }
        }

        return 0;
    }

    private static Dictionary<string, long> BySite(string trace, double from, double to)
    {
        var sites = new Dictionary<string, long>(StringComparer.Ordinal);
        var etlx = TraceLog.CreateFromEventPipeDataFile(trace);
        using var log = new TraceLog(etlx);
        var source = log.Events.GetSource();
        string[] runtime = ["System.Private.CoreLib", "System.Collections", "System.Linq", "System.Runtime"];
        source.Clr.GCAllocationTick += e =>
        {
            if (e.TimeStampRelativeMSec < from || e.TimeStampRelativeMSec >= to)
            {
                return;
            }

            var frames = new List<string>();
            for (var frame = e.CallStack(); frame is not null && frames.Count < 3; frame = frame.Caller)
            {
                var module = frame.CodeAddress.ModuleName ?? "";
                var method = frame.CodeAddress.FullMethodName;
                if (string.IsNullOrEmpty(method) || runtime.Any(r => module.StartsWith(r, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                frames.Add(method.Length > 90 ? method[..90] : method);
            }

            var site = $"{e.TypeName} <- {(frames.Count == 0 ? "?" : string.Join(" <- ", frames))}";
            sites[site] = sites.GetValueOrDefault(site) + e.AllocationAmount64;
        };
        source.Process();
        return sites;
    }
}
