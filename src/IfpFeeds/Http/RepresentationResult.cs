using Microsoft.Extensions.Options;

namespace IfpFeeds.Http;

/// <summary>
/// Serves a <see cref="Representation"/>: negotiates the coding, answers 304 when the client's copy is
/// current (with the headers a 200 would carry, RFC 9110 §15.4.5), and writes no body for HEAD.
/// </summary>
public sealed class RepresentationResult(Representation representation) : IResult
{
    public Representation Representation { get; } = representation;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var cacheControl = httpContext.RequestServices.GetRequiredService<HttpCachingHeaders>();
        return WriteAsync(httpContext, Representation, cacheControl.CacheControl);
    }

    public static Task WriteAsync(HttpContext context, Representation representation, string cacheControl)
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
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }
}

/// <summary>The Cache-Control value of cached representations, built once from configuration.</summary>
public sealed class HttpCachingHeaders(IOptions<FeedsOptions> options)
{
    /// <summary><c>public, max-age=N, stale-while-revalidate=M</c> (RFC 9111 §5.2.2, RFC 5861 §3).</summary>
    public string CacheControl { get; } =
        $"public, max-age={options.Value.CacheMaxAgeSeconds}, stale-while-revalidate={options.Value.StaleWhileRevalidateSeconds}";
}
