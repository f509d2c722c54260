using System.Net.Sockets;
using System.Threading.RateLimiting;
using IfpFeeds.Configuration;
using IfpFeeds.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.WebSub;

/// <summary>
/// <c>POST /websub</c>, the built-in hub (W3C WebSub §5.1): a subscribe or unsubscribe request is checked here (the form,
/// the topic is one this service serves, the callback's address may be reached) and answered <c>202 Accepted</c> once its
/// intent is stored; the <see cref="VerificationQueue"/> verifies it after. Anything malformed is a 400 problem, a form of
/// another type a 415, a body over 16 KiB a 413, too many requests from one address a 429, a full verification queue 503.
/// </summary>
public sealed class HubEndpoints(TopicCatalog catalog, PublicUrls urls, VerificationQueue queue, Lazy<ISubscriptionStore> store, IOptions<FeedsOptions> options,
    TimeProvider time) : IDisposable
{
    /// <summary>The largest request body read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly FormOptions Limits = new() { ValueCountLimit = 64, KeyLengthLimit = 256, ValueLengthLimit = MaxBodyBytes, BufferBody = false };

    private readonly WebSubOptions _options = options.Value.WebSub;
    private readonly PartitionedRateLimiter<string>? _limiter = ClientRateLimiting.PerMinute(options.Value.WebSub.RequestsPerMinute);

    public async Task<IResult> PostAsync(HttpContext context)
    {
        var request = context.Request;
        if (_limiter is not null)
        {
            using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            if (!lease.IsAcquired)
            {
                ClientRateLimiting.SetRetryAfter(context.Response, lease, TimeSpan.FromMinutes(1));
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many hub requests",
                    detail: $"At most {_options.RequestsPerMinute} subscription requests a minute from one address.");
            }
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a form",
                detail: "Send the subscription request as 'Content-Type: application/x-www-form-urlencoded' (W3C WebSub §5.1).");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(Limits, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (InvalidDataException ex)
        {
            return Problems.BadRequest("Malformed form", ex.Message);
        }

        if (HubRequest.Read(form, out var error) is not { } hubRequest)
        {
            return Problems.BadRequest("Malformed subscription request", error!);
        }

        if (!catalog.TryResolve(hubRequest.Topic, urls.BaseFor(request), out var topic))
        {
            return Problems.BadRequest("Not a topic of this hub",
                $"'{Problems.Echo(hubRequest.Topic)}' is not a feed this service serves: a topic is page 1 of a feed, without a query, "
                + "at the URL its rel=\"self\" link gives (GET /feeds.opml lists the feeds).");
        }

        if (await CallbackRefusalAsync(hubRequest.Callback, context.RequestAborted) is { } refusal)
        {
            return Problems.BadRequest("Callback refused", refusal);
        }

        var intent = new SubscriptionIntent(hubRequest.Subscribe, topic.SelfUrl, hubRequest.Callback.AbsoluteUri, hubRequest.Secret,
            hubRequest.LeaseWithin(_options), time.GetUtcNow());
        try
        {
            store.Value.SaveIntent(intent);
        }
        catch (Exception ex) when (StoreFailures.Is(ex))
        {
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Hub storage unavailable",
                detail: "The hub cannot store subscriptions now (Feeds:DataPath); try again later.");
        }

        if (!queue.TryEnqueue(intent))
        {
            store.Value.Refused(intent);
            context.Response.Headers.RetryAfter = "30";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Hub busy",
                detail: "Too many subscription requests wait for verification; try again shortly.");
        }

        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>Why the callback's host may not be reached (it is, or resolves to, a non-public address; it does not resolve); null when it may.</summary>
    private async Task<string?> CallbackRefusalAsync(Uri callback, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            var addresses = await OutboundHttp.AllowedAddressesAsync(callback.Host, _options.AllowPrivateCallbacks, timeout.Token);
            return addresses.Length > 0 ? null
                : $"The callback's host '{Problems.Echo(callback.Host)}' is, or resolves to, a loopback, private, link-local, unique-local, multicast "
                  + "or unspecified address, which this hub does not call.";
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return $"The callback's host '{Problems.Echo(callback.Host)}' does not resolve.";
        }
    }

    private static IResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
        detail: $"A subscription request is at most {MaxBodyBytes / 1024} KiB.");

    public void Dispose() => _limiter?.Dispose();
}
