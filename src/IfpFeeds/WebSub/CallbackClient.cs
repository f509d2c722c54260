using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IfpFeeds.WebSub;

/// <summary>
/// The hub's two requests to a subscriber's callback, over an <see cref="OutboundHttp"/> handler (no redirects, the
/// address rule at every connection): the verification of intent (W3C WebSub §5.3: a GET with a fresh challenge,
/// verified only by a 2xx whose body is exactly the challenge) and the delivery of a topic's new body (§7: a POST with
/// the topic's content type, its <c>Link</c> rel=hub and rel=self, and <c>X-Hub-Signature: sha256=…</c> when the
/// subscription has a secret). Every request has the client's timeout; at most a few bytes of an answer are read.
/// </summary>
public sealed class CallbackClient(HttpClient http)
{
    /// <summary>Of a verification's answer, no more than this is read: a challenge is 43 characters.</summary>
    private const int MaxChallengeAnswer = 1024;

    /// <summary>Asks <paramref name="intent"/>'s callback to confirm it; true only for a 2xx echoing the challenge.</summary>
    public async Task<bool> VerifyAsync(SubscriptionIntent intent, CancellationToken ct)
    {
        var challenge = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var query = new StringBuilder()
            .Append("hub.mode=").Append(intent.Subscribe ? "subscribe" : "unsubscribe")
            .Append("&hub.topic=").Append(Uri.EscapeDataString(intent.Topic))
            .Append("&hub.challenge=").Append(challenge);
        if (intent.Subscribe)
        {
            query.Append("&hub.lease_seconds=").Append(intent.LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var url = intent.Callback + (intent.Callback.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxChallengeAnswer + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
            }

            return length <= MaxChallengeAnswer && buffer.AsSpan(0, length).SequenceEqual(Encoding.ASCII.GetBytes(challenge));
        }
        catch (Exception ex) when (OutboundHttp.Failed(ex, ct))
        {
            return false; // unreachable, refused, timed out: not verified
        }
    }

    /// <summary>POSTs <paramref name="content"/> (the topic's whole new representation) to <paramref name="subscription"/>'s callback.</summary>
    public async Task<DeliveryOutcome> DeliverAsync(Subscription subscription, TopicContent content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Callback) { Content = new ReadOnlyMemoryContent(content.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(content.ContentType);
        request.Headers.TryAddWithoutValidation("Link", content.Link);
        if (subscription.Secret is { } secret)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature", "sha256=" + Signature(secret, content.Body.Span));
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return OutcomeOf((int)response.StatusCode);
        }
        catch (Exception ex) when (OutboundHttp.Failed(ex, ct))
        {
            return DeliveryOutcome.Retry;
        }
    }

    /// <summary>What an answer's status means: 2xx delivered, 410 gone, 5xx or 429 try again, anything else refused.</summary>
    public static DeliveryOutcome OutcomeOf(int status) => status switch
    {
        >= 200 and < 300 => DeliveryOutcome.Delivered,
        410 => DeliveryOutcome.Gone,
        >= 500 or 429 => DeliveryOutcome.Retry,
        _ => DeliveryOutcome.Refused,
    };

    /// <summary>The hex HMAC-SHA256 of <paramref name="body"/> under <paramref name="secret"/> (W3C WebSub §8, lower case).</summary>
    public static string Signature(string secret, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
