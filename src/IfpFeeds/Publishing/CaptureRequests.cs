using IfpFeeds.Captures;
using IfpFeeds.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Publishing;

/// <summary>What a publishing request must carry, read without trusting it: the id, the media type, the body within its limit.</summary>
public static class CaptureRequests
{
    /// <summary>The route's id when it is a safe capture id whose file the store reads (not hidden): the spec's rule.</summary>
    public static string? IdOf(HttpContext context) =>
        context.Request.RouteValues["id"] is string id && CaptureFiles.IsValidId(id) && CaptureFiles.IsCandidate(id + CaptureFiles.Extension)
            ? id
            : null;

    /// <summary>The raw id as the client sent it, for an error message and the log: at most 100 characters, control characters as '?'.</summary>
    public static string RawIdOf(HttpContext context)
    {
        var raw = Problems.Echo(context.Request.RouteValues["id"] as string ?? "");
        return string.Create(raw.Length, raw, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[i] = char.IsControl(s[i]) ? '?' : s[i];
            }
        });
    }

    /// <summary>
    /// Whether the body is declared <c>text/plain</c> in UTF-8 (a charset other than UTF-8 is refused: the capture's bytes
    /// are stored as sent) and not content-coded.
    /// </summary>
    public static bool IsPlainUtf8Text(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !type.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        foreach (var coding in request.Headers.ContentEncoding)
        {
            if (!string.IsNullOrWhiteSpace(coding) && !coding.Trim().Equals("identity", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The whole body when it is at most <paramref name="maxBytes"/>; null when it is longer, read no further than the
    /// limit (a declared length over it is refused before a byte is read).
    /// </summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes; // the server's own limit for the small GETs is far lower
        }

        try
        {
            var buffer = new byte[request.ContentLength ?? Math.Min(maxBytes + 1L, 64 * 1024)];
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes || request.ContentLength is not null)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return length > maxBytes ? null : length == buffer.Length ? buffer : buffer[..length];
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
