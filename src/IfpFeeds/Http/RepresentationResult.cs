using Microsoft.Extensions.Options;

namespace IfpFeeds.Http;

/// <summary>
/// Serves a <see cref="Representation"/>: negotiates the coding, answers 304 when the client's copy is
/// current (with the headers a 200 would carry, RFC 9110 §15.4.5), and writes no body for HEAD.
/// </summary>
public sealed class RepresentationResult(Representation representation) : IResult
{
    public Representation Representation { get; } = representation;

    /// <summary>Writes the response and releases the reference its caller took (see <see cref="Http.Representation"/>).</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        Task writing;
        try
        {
            var caching = httpContext.RequestServices.GetRequiredService<HttpCachingHeaders>();
            writing = WriteAsync(httpContext, Representation, caching.For(Representation));
        }
        catch
        {
            Representation.Release();
            throw;
        }

        if (writing.IsCompleted)
        {
            Representation.Release();
            return writing;
        }

        return ReleaseAfterAsync(writing, Representation);

        static async Task ReleaseAfterAsync(Task writing, Representation representation)
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
    }

    private static Task WriteAsync(HttpContext context, Representation representation, string cacheControl)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;

        var coding = ConditionalGet.Negotiate(request.Headers.AcceptEncoding, representation.Gzip is not null, representation.Brotli is not null);
        var (body, etag, encoding) = representation.For(coding);

        headers.ETag = etag;
        headers.LastModified = representation.LastModifiedHeader;
        headers.CacheControl = cacheControl;
        headers.Vary = "Accept-Encoding";

        if (ConditionalGet.IsNotModified(request.Method, request.Headers.IfNoneMatch, request.Headers.IfModifiedSince,
                representation.ETags, representation.LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = representation.ContentType;
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(request.Method))
        {
            return Task.CompletedTask;
        }

        if (body.SegmentCount <= 1)
        {
            // Headers and body in one write and one flush.
            return body.SegmentCount == 0 ? Task.CompletedTask : response.Body.WriteAsync(body.Segment(0)).AsTask();
        }

        return WriteSegmentsAsync(response, body);
    }

    private static async Task WriteSegmentsAsync(HttpResponse response, SegmentedBytes body)
    {
        // Headers first (Kestrel writes them into its pipe without flushing), so that every segment is copied
        // straight into the pipe: written before the start, they would be buffered and copied a second time.
        await response.StartAsync().ConfigureAwait(false);
        await body.WriteToAsync(response.BodyWriter).ConfigureAwait(false);
    }
}

/// <summary>The Cache-Control value of cached representations, built once from configuration.</summary>
public sealed class HttpCachingHeaders(IOptions<FeedsOptions> options, TimeProvider time)
{
    /// <summary>Clock-dependent content is cached at least 1 s and at most 60 s (the digest issue).</summary>
    public const int MinExpiringMaxAge = 1, MaxExpiringMaxAge = 60;

    /// <summary><c>public, max-age=N, stale-while-revalidate=M</c> (RFC 9111 §5.2.2, RFC 5861 §3).</summary>
    public string CacheControl { get; } =
        $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";

    /// <summary>
    /// The Cache-Control of <paramref name="representation"/>: the configured one, or for content that
    /// expires, <c>max-age</c> = the whole seconds until it does (1 to 60) and no stale serving.
    /// </summary>
    public string For(Representation representation)
    {
        if (representation.ExpiresAt is not { } expires)
        {
            return CacheControl;
        }

        var seconds = (int)Math.Clamp(Math.Ceiling((expires - time.GetUtcNow()).TotalSeconds), MinExpiringMaxAge, MaxExpiringMaxAge);
        return $"public, max-age={seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
