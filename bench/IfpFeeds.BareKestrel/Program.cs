// BareKestrel: the reference for bench/load-feeds.sh, not the product. Kestrel serving one fixed body, read once at
// start with its precomputed .gz and .br files, with the headers the service sends for it. Accept-Encoding is a plain
// substring check (br, then gzip, else identity); If-None-Match equal to one of its three ETags is a 304.
// One handler, a RequestDelegate (no DI scope, no parameter binding), installed in one of two ways:
//   --mode mapget (default): app.MapGet(PATH, handler), i.e. endpoint routing as a minimal API app has it (the
//                            framework's own minimal MapGet of a byte array); other paths and methods get 404 / 405;
//   --mode run:              app.Run(handler), one terminal handler for every path and method (no routing at all).
//
// Usage: IfpFeeds.BareKestrel --urls http://127.0.0.1:PORT --file FEED [--mode mapget|run] [--path /feeds/all.rss]
//        [--etag "\"tag\""] [--content-type T] [--last-modified "Sat, 01 Mar 2025 00:00:00 GMT"]
//        [--cache-control "public, max-age=300, ..."] [--headers-file FILE]
//   --headers-file: more headers to send on every answer (200 and 304), one "Name: value" a line: the rest of what the
//   service sends for the feed (its Link, Surrogate-Key, Cache-Tag...), so that both write the same response headers.
//   FEED.gz and FEED.br must sit beside FEED. --etag is the identity ETag, quotes included (default: "bare");
//   the gzip and brotli tags are it with -gz and -br before the closing quote, as the service makes them.
using Microsoft.Extensions.Primitives;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // as the service

// Options from the command line only: the app's configuration also holds every environment variable, and PATH
// (or a FILE or MODE someone exported) would otherwise stand in for a missing --path, --file or --mode.
var config = new ConfigurationBuilder().AddCommandLine(args).Build();
var file = config["file"] ?? throw new ArgumentException("--file FEED is required");
var etag = config["etag"] ?? "\"bare\"";
var identity = new Variant(File.ReadAllBytes(file), etag, null);
var gzip = new Variant(File.ReadAllBytes(file + ".gz"), etag.Insert(etag.Length - 1, "-gz"), "gzip");
var brotli = new Variant(File.ReadAllBytes(file + ".br"), etag.Insert(etag.Length - 1, "-br"), "br");
StringValues contentType = config["content-type"] ?? "application/rss+xml; charset=utf-8";
StringValues lastModified = config["last-modified"] ?? "Sat, 01 Mar 2025 00:00:00 GMT";
StringValues cacheControl = config["cache-control"] ?? "public, max-age=300, stale-while-revalidate=60";
StringValues vary = "Accept-Encoding", nosniff = "nosniff", referrerPolicy = "strict-origin-when-cross-origin";
var extraHeaders = config["headers-file"] is { } headersFile
    ? File.ReadAllLines(headersFile).Where(line => line.Contains(':'))
        .Select(line => (Name: line[..line.IndexOf(':')].Trim(), Value: new StringValues(line[(line.IndexOf(':') + 1)..].Trim())))
        .ToArray()
    : [];
var mode = config["mode"] ?? "mapget";
var path = config["path"] ?? "/feeds/all.rss";

RequestDelegate handler = context =>
{
    var request = context.Request;
    var response = context.Response;
    var headers = response.Headers;
    var acceptEncoding = request.Headers.AcceptEncoding.ToString();
    var variant = acceptEncoding.Contains("br", StringComparison.Ordinal) ? brotli
        : acceptEncoding.Contains("gzip", StringComparison.Ordinal) ? gzip
        : identity;

    headers.ETag = variant.ETag;
    headers.LastModified = lastModified;
    headers.CacheControl = cacheControl;
    headers.Vary = vary;
    headers.XContentTypeOptions = nosniff;
    headers["Referrer-Policy"] = referrerPolicy;
    foreach (var (name, value) in extraHeaders)
    {
        headers[name] = value;
    }

    var ifNoneMatch = request.Headers.IfNoneMatch;
    if (ifNoneMatch.Count == 1 && (ifNoneMatch[0] == identity.ETag || ifNoneMatch[0] == gzip.ETag || ifNoneMatch[0] == brotli.ETag))
    {
        response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    response.ContentType = contentType;
    if (variant.Encoding is not null)
    {
        headers.ContentEncoding = variant.Encoding;
    }

    response.ContentLength = variant.Body.Length;
    return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(variant.Body).AsTask();
};

var app = builder.Build();
switch (mode)
{
    case "mapget":
        app.MapGet(path, handler); // the RequestDelegate overload: no RequestDelegateFactory, no binding
        break;
    case "run":
        app.Run(handler);
        break;
    default:
        throw new ArgumentException($"--mode is mapget or run; got '{mode}'");
}

app.Run();

internal sealed record Variant(byte[] Body, string ETag, string? Encoding);
