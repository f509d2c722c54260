using System.Runtime.CompilerServices;
using IfpFeeds.Http;

namespace IfpFeeds.Caching;

/// <summary>
/// Serves a <see cref="Representation"/>: negotiates the coding, answers 304 when the client's copy is
/// current (with the headers a 200 would carry, RFC 9110 §15.4.5), and writes no body for HEAD.
/// </summary>
public sealed class RepresentationResult(Representation representation, CacheControlHeaders cacheControl, CacheMetrics metrics) : IResult
{
    /// <summary>The purge-key headers of CDNs: Fastly's and Varnish's, Cloudflare's and Akamai's.</summary>
    public const string SurrogateKeyHeader = "Surrogate-Key", CacheTagHeader = "Cache-Tag";

    public Representation Representation { get; } = representation;

    /// <summary>Writes the response and releases the reference its caller took (see <see cref="Caching.Representation"/>).</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ValueTask writing;
        try
        {
            writing = WriteAsync(httpContext, Representation, cacheControl.For(Representation), metrics);
        }
        catch
        {
            Representation.Release();
            throw;
        }

        if (writing.IsCompletedSuccessfully)
        {
            Representation.Release();
            return Task.CompletedTask;
        }

        // Still writing (the client reads slowly): release once the bytes are in Kestrel's pipe. A pooled state
        // machine, so a slow write costs one Task, as any awaited write does.
        return ReleaseWhenWrittenAsync(writing, Representation).AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask ReleaseWhenWrittenAsync(ValueTask writing, Representation representation)
    {
        try
        {
            await writing.ConfigureAwait(false);
        }
        finally
        {
            representation.Release();
        }
    }

    private static ValueTask WriteAsync(HttpContext context, Representation representation, string cacheControl, CacheMetrics metrics)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;

        var coding = ConditionalGet.Negotiate(request.Headers.AcceptEncoding, representation.Gzip is not null, representation.Brotli is not null);
        var (body, etag, encoding) = representation.For(coding);

        headers.ETag = etag;
        if (representation.LastModifiedHeader is { } lastModified)
        {
            headers.LastModified = lastModified;
        }

        headers.CacheControl = cacheControl;
        headers.Vary = "Accept-Encoding";
        if (representation.LinkHeader is { } link)
        {
            headers.Link = link;
        }

        if (representation.SurrogateKey is { } surrogateKey)
        {
            headers[SurrogateKeyHeader] = surrogateKey;
            headers[CacheTagHeader] = surrogateKey;
        }

        if (ConditionalGet.IsNotModified(request.Method, request.Headers.IfNoneMatch, request.Headers.IfModifiedSince,
                representation.ETags, representation.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            metrics.NotModified();
            return ValueTask.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = representation.ContentType;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(request.Method) || body.SegmentCount == 0)
        {
            return ValueTask.CompletedTask;
        }

        if (body.SegmentCount == 1)
        {
            // Headers and body in one write and one flush.
            return response.Body.WriteAsync(body.Segment(0));
        }

        return WriteSegmentsAsync(response, body);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private static async ValueTask WriteSegmentsAsync(HttpResponse response, SegmentedBytes body)
    {
        // Headers first (Kestrel writes them into its pipe without flushing), so that every segment is copied
        // straight into the pipe: written before the start, they would be buffered and copied a second time.
        await response.StartAsync().ConfigureAwait(false);
        await body.WriteToAsync(response.BodyWriter).ConfigureAwait(false);
    }
}
