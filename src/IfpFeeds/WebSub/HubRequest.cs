using System.Text;
using IfpFeeds.Configuration;

namespace IfpFeeds.WebSub;

/// <summary>
/// A subscriber's request to the hub (W3C WebSub §5.1), read from its form: <c>hub.mode</c> (<c>subscribe</c> or
/// <c>unsubscribe</c>), <c>hub.topic</c>, <c>hub.callback</c> (an absolute http(s) URL of at most 2,000 characters, no
/// fragment), and optionally <c>hub.lease_seconds</c> (a positive whole number) and <c>hub.secret</c> (under 200 bytes).
/// Each may be given once; unknown parameters are ignored. Whether the topic is one this service serves, and whether the
/// callback's address may be reached, are checked after.
/// </summary>
public sealed record HubRequest(bool Subscribe, string Topic, Uri Callback, int? LeaseSeconds, string? Secret)
{
    /// <summary>The longest callback URL accepted.</summary>
    public const int MaxCallbackLength = 2_000;

    /// <summary>A secret must be shorter than this many bytes (§5.1).</summary>
    public const int MaxSecretBytes = 200;

    /// <summary>The request in <paramref name="form"/>; null with the reason when it is malformed.</summary>
    public static HubRequest? Read(IFormCollection form, out string? error)
    {
        string? Single(string name, out string? problem)
        {
            problem = null;
            if (!form.TryGetValue(name, out var values) || values.Count == 0)
            {
                return null;
            }

            if (values.Count > 1)
            {
                problem = $"'{name}' must be given once.";
                return null;
            }

            return values[0];
        }

        var mode = Single("hub.mode", out error);
        if (error is not null || mode is not ("subscribe" or "unsubscribe"))
        {
            error ??= "'hub.mode' must be 'subscribe' or 'unsubscribe'.";
            return null;
        }

        var topic = Single("hub.topic", out error);
        if (error is not null || string.IsNullOrEmpty(topic))
        {
            error ??= "'hub.topic' is required: the URL of the feed to subscribe to.";
            return null;
        }

        var callback = Single("hub.callback", out error);
        if (error is not null || callback is null || callback.Length > MaxCallbackLength
            || !Uri.TryCreate(callback, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Fragment.Length > 0 || string.IsNullOrEmpty(uri.Host))
        {
            error ??= $"'hub.callback' must be an absolute http(s) URL without a fragment, at most {MaxCallbackLength} characters.";
            return null;
        }

        int? lease = null;
        var leaseText = Single("hub.lease_seconds", out error);
        if (error is not null)
        {
            return null;
        }

        if (leaseText is not null)
        {
            if (!int.TryParse(leaseText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                error = "'hub.lease_seconds' must be a positive whole number of seconds.";
                return null;
            }

            lease = seconds;
        }

        var secret = Single("hub.secret", out error);
        if (error is not null || (secret is not null && Encoding.UTF8.GetByteCount(secret) >= MaxSecretBytes))
        {
            error ??= $"'hub.secret' must be shorter than {MaxSecretBytes} bytes.";
            return null;
        }

        return new HubRequest(mode == "subscribe", topic, uri, lease, string.IsNullOrEmpty(secret) ? null : secret);
    }

    /// <summary>The lease the hub grants: the requested one (or the default) within the options' bounds.</summary>
    public int LeaseWithin(WebSubOptions options) => Math.Clamp(LeaseSeconds ?? options.DefaultLeaseSeconds, options.MinLeaseSeconds, options.MaxLeaseSeconds);
}
