using System.Globalization;
using System.Threading.RateLimiting;
using IfpFeeds.Captures;
using IfpFeeds.Configuration;
using IfpFeeds.Http;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Publishing;

/// <summary>
/// The handlers of <c>/api/captures/{id}</c>: GET and HEAD (the stored bytes, with validators, conditional), PUT (create
/// or replace, validated by the parser, conditional) and DELETE (conditional). Each checks, in order: the key (401),
/// the id (400), for writes the key's rate (429), then the request itself; every write is audited.
/// </summary>
public sealed class PublishingEndpoints(PublishingKeys keys, CapturePublisher publisher, PublishingMetrics audit, IOptions<FeedsOptions> options, TimeProvider time)
    : IDisposable
{
    private readonly int _maxBytes = options.Value.MaxCaptureBytes;
    private readonly int _writesPerMinute = options.Value.Publishing.WritesPerMinute;
    private readonly PartitionedRateLimiter<string>? _writes = ClientRateLimiting.PerMinute(options.Value.Publishing.WritesPerMinute);

    /// <summary><c>GET</c> and <c>HEAD</c>: the capture's bytes as stored, to edit and write back with <c>If-Match</c>.</summary>
    public IResult Get(HttpContext context)
    {
        if (keys.Authenticate(context.Request.Headers.Authorization) is null)
        {
            return Unauthorized(context);
        }

        if (CaptureRequests.IdOf(context) is not { } id)
        {
            return BadId(context);
        }

        StoredCapture? stored;
        try
        {
            stored = publisher.Read(id + CaptureFiles.Extension, _maxBytes);
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            return StorageProblem(context, PublishOutcome.StorageUnavailable, ex);
        }

        if (stored is null)
        {
            return Problem(PublishOutcome.NotFound, NotFoundTitle, NotFoundDetail(id));
        }

        var response = context.Response;
        var lastModified = CaptureDates.WholeSeconds(stored.LastWrite);
        response.Headers.ETag = stored.ETag;
        response.Headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "private, no-cache"; // a scheduled post's text, behind a key: no shared cache keeps it
        if (stored.Bytes is not { } bytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Capture too large to serve",
                detail: $"The stored capture '{id}' is {stored.Length:N0} bytes, over Feeds:MaxCaptureBytes ({_maxBytes:N0}), and is not served; "
                + "replace it (PUT with If-Match) or delete it.");
        }

        if (ConditionalGet.IsNotModified(context.Request.Method, context.Request.Headers.IfNoneMatch, context.Request.Headers.IfModifiedSince,
                [stored.ETag], lastModified))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            response.ContentType = ContentTypes.Text;
            response.ContentLength = bytes.Length;
            return TypedResults.Empty;
        }

        return TypedResults.Bytes(bytes, ContentTypes.Text);
    }

    /// <summary><c>PUT</c>: creates (<c>201</c>) or replaces (<c>200</c>) the capture, when the parser accepts it and the preconditions hold.</summary>
    public async Task<IResult> PutAsync(HttpContext context)
    {
        var request = context.Request;
        if (Admit(context, out var key, out var id) is { } refused)
        {
            return refused;
        }

        if (!CaptureRequests.IsPlainUtf8Text(request))
        {
            return Refuse(context, key, id, PublishOutcome.UnsupportedMediaType, "Unsupported media type",
                $"Send the capture as 'Content-Type: text/plain; charset=utf-8', not content-coded; got '{Problems.Echo(request.ContentType ?? "")}'.", 0);
        }

        var name = id + CaptureFiles.Extension;
        var bytes = await CaptureRequests.ReadBodyAsync(request, _maxBytes, context.RequestAborted);
        if (bytes is null)
        {
            context.Response.Headers.Connection = "close"; // the rest of the body is not read
            return Refuse(context, key, id, PublishOutcome.TooLarge, "Capture too large",
                $"A capture may be at most {_maxBytes:N0} bytes (Feeds:MaxCaptureBytes).", request.ContentLength ?? _maxBytes + 1L);
        }

        if (CaptureParser.Parse(name, bytes, CaptureDates.At(time.GetUtcNow())).Rejection is { } rejection)
        {
            return Refuse(context, key, id, PublishOutcome.Invalid, "Capture rejected by the parser", $"{name} {rejection.Reason}", bytes.Length);
        }

        CapturePublisher.Result result;
        try
        {
            result = await publisher.PutAsync(name, bytes, current => Check(request, current), context.RequestAborted);
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            return StorageFailed(context, key, id, ex, bytes.Length);
        }

        if (result.ETag is not { } etag)
        {
            return RefuseAsPublisherDid(context, key, id, result.Outcome, bytes.Length);
        }

        audit.Write(request.Method, key, id, result.Outcome, bytes.Length, etag);
        context.Response.Headers.ETag = etag;
        var body = new PublishedCaptureDto(id, etag, bytes.Length, "/api/captures/" + id, "/api/articles/" + id, "/articles/" + id);
        return result.Outcome == PublishOutcome.Created ? TypedResults.Created(body.Article, body) : TypedResults.Ok(body);
    }

    /// <summary><c>DELETE</c>: removes the capture (<c>204</c>) when the preconditions hold.</summary>
    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        if (Admit(context, out var key, out var id) is { } refused)
        {
            return refused;
        }

        CapturePublisher.Result result;
        try
        {
            result = await publisher.DeleteAsync(id + CaptureFiles.Extension, current => Check(context.Request, current), context.RequestAborted);
        }
        catch (Exception ex) when (StorageFailure.IsStorage(ex))
        {
            return StorageFailed(context, key, id, ex, 0);
        }

        if (result.Outcome != PublishOutcome.Deleted)
        {
            return RefuseAsPublisherDid(context, key, id, result.Outcome, 0);
        }

        audit.Write(context.Request.Method, key, id, result.Outcome, result.Current?.Length ?? 0, null);
        return TypedResults.NoContent();
    }

    public void Dispose() => _writes?.Dispose();

    /// <summary>The checks every write passes first: the key, the id, the key's rate. Null when the write may go on.</summary>
    private IResult? Admit(HttpContext context, out string key, out string id)
    {
        key = keys.Authenticate(context.Request.Headers.Authorization)!;
        id = CaptureRequests.IdOf(context)!;
        if (key is null)
        {
            audit.Write(context.Request.Method, null, CaptureRequests.RawIdOf(context), PublishOutcome.Unauthorized, 0, null, "no valid key");
            return Unauthorized(context);
        }

        if (id is null)
        {
            audit.Write(context.Request.Method, key, CaptureRequests.RawIdOf(context), PublishOutcome.BadId, 0, null, "not a safe id");
            return BadId(context);
        }

        if (_writes is not null)
        {
            using var lease = _writes.AttemptAcquire(key);
            if (!lease.IsAcquired)
            {
                ClientRateLimiting.SetRetryAfter(context.Response, lease, TimeSpan.FromMinutes(1));
                return Refuse(context, key, id, PublishOutcome.RateLimited, "Too many writes",
                    $"The key '{key}' may make at most {_writesPerMinute} writes a minute (Feeds:Publishing:WritesPerMinute).", 0);
            }
        }

        return null;
    }

    private static PublishOutcome? Check(HttpRequest request, StoredCapture? current) =>
        CapturePreconditions.Evaluate(request.Headers, current) switch
        {
            CapturePreconditions.Verdict.Failed => PublishOutcome.PreconditionFailed,
            CapturePreconditions.Verdict.Malformed => PublishOutcome.BadPrecondition,
            _ => null,
        };

    /// <summary>The answer to a write the publisher refused: the id unknown, or a precondition failed or malformed.</summary>
    private IResult RefuseAsPublisherDid(HttpContext context, string key, string id, PublishOutcome outcome, long bytes) =>
        outcome == PublishOutcome.NotFound ? Refuse(context, key, id, outcome, NotFoundTitle, NotFoundDetail(id), bytes)
        : outcome == PublishOutcome.BadPrecondition ? Refuse(context, key, id, outcome, "Malformed precondition",
            "If-Match and If-None-Match must be '*' or a list of quoted entity-tags.", bytes)
        : Refuse(context, key, id, outcome, "Precondition failed",
            $"The stored capture '{id}' is not the one the request's If-Match, If-None-Match or If-Unmodified-Since expects: GET it again, "
            + "apply the change, and write it back with its new ETag.", bytes);

    /// <summary>A write the storage refused (507 when full, else 503), audited with the storage's reason.</summary>
    private IResult StorageFailed(HttpContext context, string key, string id, Exception exception, long bytes)
    {
        var outcome = StorageFailure.Classify(exception);
        audit.Write(context.Request.Method, key, id, outcome, bytes, null, exception.Message);
        return StorageProblem(context, outcome, exception);
    }

    private IResult Refuse(HttpContext context, string key, string id, PublishOutcome outcome, string title, string detail, long bytes)
    {
        audit.Write(context.Request.Method, key, id, outcome, bytes, null, detail);
        return Problem(outcome, title, detail);
    }

    private static IResult Problem(PublishOutcome outcome, string title, string detail) =>
        TypedResults.Problem(statusCode: outcome.Status, title: title, detail: detail);

    private static IResult StorageProblem(HttpContext context, PublishOutcome outcome, Exception exception)
    {
        if (outcome == PublishOutcome.StorageUnavailable)
        {
            context.Response.Headers.RetryAfter = "30";
        }

        return Problem(outcome, outcome == PublishOutcome.StorageFull ? "Insufficient storage" : "Storage unavailable",
            $"The capture could not be stored ({exception.GetType().Name}: {exception.Message}); the stored capture is unchanged.");
    }

    private static IResult Unauthorized(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization.Count > 0;
        context.Response.Headers.WWWAuthenticate = presented ? "Bearer realm=\"IfpFeeds publishing\", error=\"invalid_token\"" : "Bearer realm=\"IfpFeeds publishing\"";
        return Problem(PublishOutcome.Unauthorized, "Unauthorized",
            presented ? "The bearer key is not a publishing key of this service." : "Send a publishing key as 'Authorization: Bearer <key>'.");
    }

    private static IResult BadId(HttpContext context) => Problem(PublishOutcome.BadId, "Invalid capture id",
        $"'{CaptureRequests.RawIdOf(context)}' is not a capture id: use 1 to {CaptureFiles.MaxIdLength} letters, digits, '-', '_' and '.', not starting with '.'.");

    private const string NotFoundTitle = "Unknown capture";

    private static string NotFoundDetail(string id) => $"No capture has the id '{id}'.";
}
