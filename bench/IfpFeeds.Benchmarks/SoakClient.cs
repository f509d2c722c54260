using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <c>soak-client --base URL [--duration 60] [--clients 4] [--sample 50] [--seed 1]</c>: bench/soak.sh's HTTP client.
/// Discovers the sections and some article ids, fetches each feed once to learn its ETag, then runs C concurrent
/// clients for D seconds, each sending a mixed request (feeds in every format including <c>/feeds/recent.*</c> and
/// <c>/feeds.opml</c>, conditional requests with the ETags learned at the start, <c>/recent.json</c>, <c>/recent</c>,
/// HTML pages, <c>/api/...</c>, <c>/healthz</c>; identity, gzip or brotli) after the previous one completes.
/// Every Nth response is checked: decompressed, then parsed (XML with XmlReader, JSON with JsonDocument, HTML for its
/// doctype and closing tag), its Content-Length compared with the body, and its strong ETag compared with the
/// SHA-256 of the identity bytes it names. Prints one line of JSON with the totals.
/// </summary>
internal static class SoakClient
{
    /// <param name="Poller">Conditional with the tag of the last 200 this client mix saw for it (a feed reader), rather than the tag from the start.</param>
    private sealed record Target(string Kind, string Path, string? AcceptEncoding, string? IfNoneMatch, bool Poller = false);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Target, string> LastTags = new();

    private sealed class Tally
    {
        public long Requests, Status2xx, Status304, Status4xx, Status5xx, Failures, Sampled, Malformed, ETagMismatch, LengthMismatch;
        public readonly List<double> LatenciesMs = new(1 << 16);
        public readonly Dictionary<string, long> ByKind = new(StringComparer.Ordinal);
        public readonly List<string> Problems = [];
    }

    public static int Run(string[] args)
    {
        string? baseUrl = null;
        int duration = 60, clients = 4, sample = 50, seed = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--base": baseUrl = args[i + 1].TrimEnd('/'); break;
                case "--duration": duration = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--clients": clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--sample": sample = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: return Usage();
            }
        }

        if (baseUrl is null || duration is < 1 or > 600 || clients is < 1 or > 64 || sample < 1)
        {
            return Usage();
        }

        using var http = new HttpClient(new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None, // the raw coded bytes: decompressed here, so each coding is checked
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = new Uri(baseUrl + "/"),
            Timeout = TimeSpan.FromSeconds(10),
        };

        var targets = Discover(http);
        var tallies = new Tally[clients];
        long counter = 0;
        var deadline = Stopwatch.GetTimestamp() + (duration * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var tally = tallies[c] = new Tally();
            var random = new Random(seed * 1000 + c);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var target = targets[random.Next(targets.Count)];
                var check = Interlocked.Increment(ref counter) % sample == 0;
                await Send(http, target, check, tally);
            }
        })).ToArray();
        Task.WaitAll(workers);

        var all = new Tally();
        foreach (var t in tallies)
        {
            all.Requests += t.Requests;
            all.Status2xx += t.Status2xx;
            all.Status304 += t.Status304;
            all.Status4xx += t.Status4xx;
            all.Status5xx += t.Status5xx;
            all.Failures += t.Failures;
            all.Sampled += t.Sampled;
            all.Malformed += t.Malformed;
            all.ETagMismatch += t.ETagMismatch;
            all.LengthMismatch += t.LengthMismatch;
            all.LatenciesMs.AddRange(t.LatenciesMs);
            all.Problems.AddRange(t.Problems);
            foreach (var (kind, n) in t.ByKind)
            {
                all.ByKind[kind] = all.ByKind.GetValueOrDefault(kind) + n;
            }
        }

        all.LatenciesMs.Sort();
        double Percentile(double p) => all.LatenciesMs.Count == 0 ? 0 : all.LatenciesMs[Math.Min(all.LatenciesMs.Count - 1, (int)Math.Ceiling(p * all.LatenciesMs.Count) - 1)];
        var summary = new
        {
            targets = targets.Count,
            requests = all.Requests,
            perSecond = Math.Round(all.Requests / (double)duration),
            status2xx = all.Status2xx,
            status304 = all.Status304,
            status4xx = all.Status4xx,
            status5xx = all.Status5xx,
            failures = all.Failures,
            sampled = all.Sampled,
            malformed = all.Malformed,
            etagMismatch = all.ETagMismatch,
            lengthMismatch = all.LengthMismatch,
            p50Ms = Math.Round(Percentile(0.50), 2),
            p99Ms = Math.Round(Percentile(0.99), 2),
            maxMs = Math.Round(all.LatenciesMs.Count == 0 ? 0 : all.LatenciesMs[^1], 2),
            byKind = all.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Value),
            problems = all.Problems.Take(20).ToArray(),
        };
        Console.WriteLine(JsonSerializer.Serialize(summary));
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: soak-client --base URL [--duration 60] [--clients 4] [--sample 50] [--seed 1]");
        return 2;
    }

    /// <summary>The request mix: every URL kind, each feed also as a conditional request with the ETag it has now.</summary>
    private static List<Target> Discover(HttpClient http)
    {
        using var sections = JsonDocument.Parse(http.GetByteArrayAsync("api/sections").GetAwaiter().GetResult());
        var slugs = sections.RootElement.EnumerateArray().Select(s => s.GetProperty("slug").GetString()!).ToList();
        using var articles = JsonDocument.Parse(http.GetByteArrayAsync("api/articles").GetAwaiter().GetResult());
        var ids = articles.RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Take(40).ToList();

        var paths = new List<(string Kind, string Path)>();
        foreach (var name in slugs.Prepend("all").Append("recent"))
        {
            foreach (var ext in new[] { "rss", "atom", "json" })
            {
                paths.Add(("feed", $"feeds/{Uri.EscapeDataString(name)}.{ext}"));
            }
        }

        paths.Add(("feed", "feeds/all.rss?limit=10&page=2"));
        paths.Add(("feed", "feeds/all.json?limit=200"));
        paths.Add(("feed", "feeds.opml"));
        paths.Add(("recent", "recent.json"));
        paths.Add(("recent", "recent.json?style=short&limit=20"));
        paths.Add(("recent", "recent"));
        paths.Add(("recent", "recent?style=short"));
        paths.Add(("html", ""));
        paths.AddRange(slugs.Select(s => ("html", $"sections/{Uri.EscapeDataString(s)}")));
        paths.AddRange(ids.Take(20).Select(id => ("html", $"articles/{id}")));
        paths.Add(("api", "api/sections"));
        paths.Add(("api", "api/articles"));
        paths.AddRange(slugs.Take(4).Select(s => ("api", $"api/articles?section={Uri.EscapeDataString(s)}")));
        paths.AddRange(ids.Skip(20).Select(id => ("api", $"api/articles/{id}")));
        paths.Add(("health", "healthz"));

        var targets = new List<Target>();
        string?[] codings = [null, "gzip", "br", "gzip, deflate, br"];
        for (var i = 0; i < paths.Count; i++)
        {
            var (kind, path) = paths[i];
            targets.Add(new Target(kind, path, codings[i % codings.Length], null));
            if (kind == "feed")
            {
                // A poller's revalidation with the tag it saw at the start: 304 until the feed changes, then 200.
                using var head = http.Send(new HttpRequestMessage(HttpMethod.Head, path));
                if (head.Headers.ETag is { } etag)
                {
                    targets.Add(new Target("conditional", path, codings[(i + 1) % codings.Length], etag.ToString()));
                    var poller = new Target("conditional-poller", path, codings[(i + 2) % codings.Length], etag.ToString(), Poller: true);
                    LastTags[poller] = etag.ToString();
                    targets.Add(poller);
                }
            }
        }

        return targets;
    }

    private static async Task Send(HttpClient http, Target target, bool check, Tally tally)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Path);
        if (target.AcceptEncoding is { } ae)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", ae);
        }

        if ((target.Poller ? LastTags[target] : target.IfNoneMatch) is { } inm)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", inm);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            tally.Requests++;
            tally.ByKind[target.Kind] = tally.ByKind.GetValueOrDefault(target.Kind) + 1;
            var status = (int)response.StatusCode;
            switch (status)
            {
                case 304: tally.Status304++; break;
                case >= 500: tally.Status5xx++; Problem(tally, $"{status} for /{target.Path}"); break;
                case >= 400: tally.Status4xx++; break;
                case >= 200 and < 300: tally.Status2xx++; break;
            }

            if (target.Poller && status == 200 && response.Headers.ETag is { } newTag)
            {
                LastTags[target] = newTag.ToString();
            }

            if (check && status == 200)
            {
                Check(target, response, body, tally);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            tally.Requests++;
            tally.Failures++;
            Problem(tally, $"/{target.Path}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static void Check(Target target, HttpResponseMessage response, byte[] body, Tally tally)
    {
        tally.Sampled++;
        if (response.Content.Headers.ContentLength is { } length && length != body.Length)
        {
            tally.LengthMismatch++;
            Problem(tally, $"/{target.Path}: Content-Length {length}, body {body.Length}");
        }

        byte[] identity;
        try
        {
            identity = string.Join(",", response.Content.Headers.ContentEncoding) switch
            {
                "" => body,
                "gzip" => Decompress(new GZipStream(new MemoryStream(body), CompressionMode.Decompress)),
                "br" => Decompress(new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)),
                var other => throw new InvalidDataException($"unexpected Content-Encoding {other}"),
            };
        }
        catch (InvalidDataException ex)
        {
            tally.Malformed++;
            Problem(tally, $"/{target.Path}: cannot decode: {ex.Message}");
            return;
        }

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        try
        {
            if (type.EndsWith("xml", StringComparison.Ordinal) || type == "text/x-opml")
            {
                using var reader = XmlReader.Create(new MemoryStream(identity), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
                while (reader.Read())
                {
                }
            }
            else if (type.EndsWith("json", StringComparison.Ordinal))
            {
                using var _ = JsonDocument.Parse(identity);
            }
            else if (type == "text/html")
            {
                var text = System.Text.Encoding.UTF8.GetString(identity).Trim();
                if (!text.StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase) || !text.EndsWith("</html>", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FormatException("HTML without its doctype or closing </html>");
                }
            }
            else if (type != "text/javascript" && type != "text/css")
            {
                throw new FormatException($"unexpected Content-Type {type}");
            }
        }
        catch (Exception ex) when (ex is XmlException or JsonException or FormatException)
        {
            tally.Malformed++;
            Problem(tally, $"/{target.Path} ({type}): {ex.Message}");
        }

        // The service's strong ETag is the first 16 bytes of the identity bytes' SHA-256, in hex, plus -gz / -br.
        if (response.Headers.ETag is { IsWeak: false } etag)
        {
            var tag = etag.Tag.Trim('"');
            var dash = tag.IndexOf('-', StringComparison.Ordinal);
            var hash = Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 16));
            if ((dash < 0 ? tag : tag[..dash]) != hash)
            {
                tally.ETagMismatch++;
                Problem(tally, $"/{target.Path}: ETag {etag.Tag} is not the hash of the body ({hash})");
            }
        }
    }

    private static byte[] Decompress(Stream stream)
    {
        using (stream)
        {
            using var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
    }

    private static void Problem(Tally tally, string text)
    {
        if (tally.Problems.Count < 20)
        {
            tally.Problems.Add(text);
        }
    }
}
