// WebSubBench: the subscriber side of bench/websub.sh, not the product. It starts one Kestrel app on 127.0.0.1 with N
// callbacks (/cb/0 … /cb/N-1: a GET echoes hub.challenge, a POST is recorded with its arrival time), subscribes each to
// one topic through the service's POST /websub, waits until every one is verified, then for each round writes a new
// capture into the service's articles folder (a temporary file renamed into place: the change on disk) and times, from
// the rename, each callback's first POST whose body holds that capture's title. Prints one line per round and a summary.
// Traffic goes to 127.0.0.1 only; every wait is bounded.
//
// Usage: IfpFeeds.WebSubBench --hub http://127.0.0.1:PORT/websub --topic URL --articles DIR [--subscribers 1]
//        [--rounds 10] [--section Benchmarks]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var hubUrl = config["hub"] ?? throw new ArgumentException("--hub URL is required");
var topic = config["topic"] ?? throw new ArgumentException("--topic URL is required");
var articles = config["articles"] ?? throw new ArgumentException("--articles DIR is required");
var subscribers = int.Parse(config["subscribers"] ?? "1", CultureInfo.InvariantCulture);
var rounds = int.Parse(config["rounds"] ?? "10", CultureInfo.InvariantCulture);
var section = config["section"] ?? "Benchmarks";

var verified = new ConcurrentDictionary<int, bool>();
string? marker = null; // the title the current round waits for
var arrivals = new ConcurrentDictionary<int, long>(); // callback → Stopwatch timestamp of its delivery of the marker
var posts = 0L;

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
var app = builder.Build();
app.MapGet("/cb/{i:int}", (int i, HttpContext context) =>
{
    verified[i] = true;
    return Results.Text(context.Request.Query["hub.challenge"].ToString());
});
app.MapPost("/cb/{i:int}", async (int i, HttpContext context) =>
{
    using var body = new MemoryStream();
    await context.Request.Body.CopyToAsync(body);
    var now = Stopwatch.GetTimestamp();
    Interlocked.Increment(ref posts);
    if (Volatile.Read(ref marker) is { } wanted && body.GetBuffer().AsSpan(0, (int)body.Length).IndexOf(Encoding.UTF8.GetBytes(wanted)) >= 0)
    {
        arrivals.TryAdd(i, now);
    }

    return Results.NoContent();
});
await app.StartAsync();
var listen = app.Urls.First();

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
var subscribing = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, subscribers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
{
    using var form = new FormUrlEncodedContent([new("hub.mode", "subscribe"), new("hub.topic", topic), new("hub.callback", $"{listen}/cb/{i}")]);
    using var response = await http.PostAsync(hubUrl, form, ct);
    if ((int)response.StatusCode != 202)
    {
        throw new InvalidOperationException($"subscribe {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }
});
if (!SpinWait.SpinUntil(() => verified.Count == subscribers, TimeSpan.FromSeconds(120)))
{
    throw new TimeoutException($"only {verified.Count} of {subscribers} callbacks were verified");
}

Console.WriteLine($"subscribed and verified {subscribers} callback(s) in {subscribing.Elapsed.TotalSeconds:F2} s");
await Task.Delay(2_000); // the last baseline is recorded after its verification

var firsts = new List<double>();
var lasts = new List<double>();
var every = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    arrivals.Clear();
    var title = $"WebSub bench round {round} {Guid.NewGuid():N}";
    Volatile.Write(ref marker, title);
    var name = $"websub-bench-{round}-{Guid.NewGuid():N}.txt";
    var temp = Path.Combine(articles, "." + name + ".tmp");
    await File.WriteAllTextAsync(temp, $"{section}\n\n{title}\n\nA paragraph of the WebSub benchmark.\n\nAnother paragraph.\n");
    var start = Stopwatch.GetTimestamp();
    File.Move(temp, Path.Combine(articles, name)); // the change on disk
    if (!SpinWait.SpinUntil(() => arrivals.Count == subscribers, TimeSpan.FromSeconds(60)))
    {
        Console.WriteLine($"round {round}: only {arrivals.Count} of {subscribers} delivered within 60 s");
    }

    var latencies = arrivals.Values.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).Order().ToList();
    if (latencies.Count == 0)
    {
        continue;
    }

    firsts.Add(latencies[0]);
    lasts.Add(latencies[^1]);
    every.AddRange(latencies);
    Console.WriteLine($"round {round}: {latencies.Count} delivered; first {latencies[0]:F0} ms, median {Percentile(latencies, 50):F0} ms, last {latencies[^1]:F0} ms");
    await Task.Delay(1_500); // quiet between rounds: each round is its own change
}

every.Sort();
firsts.Sort();
lasts.Sort();
Console.WriteLine($"summary: {subscribers} subscriber(s), {firsts.Count} round(s), {Interlocked.Read(ref posts)} POSTs received; change on disk → delivery: "
    + $"first median {Percentile(firsts, 50):F0} ms, every delivery p50 {Percentile(every, 50):F0} ms / p99 {Percentile(every, 99):F0} ms, "
    + $"last (all delivered) median {Percentile(lasts, 50):F0} ms / max {lasts.LastOrDefault():F0} ms");
await app.StopAsync();

static double Percentile(List<double> sorted, int p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
