using System.Collections.Immutable;
using System.Text;
using IfpFeeds.Configuration;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// The WebSub hubs a topic advertises (W3C WebSub §4): the built-in one at <c>/websub</c> when
/// <c>Feeds:WebSub:BuiltInHub</c> is on, then each of <c>Feeds:WebSub:Hubs</c>; and the <c>Link</c> header that names
/// them and the topic's self URL.
/// </summary>
public sealed class FeedHubs(IOptions<FeedsOptions> options)
{
    private readonly bool _builtIn = options.Value.WebSub.BuiltInHub;
    private readonly ImmutableArray<Uri> _external = [.. options.Value.WebSub.Hubs.Select(h => new Uri(h, UriKind.Absolute))];

    /// <summary>Whether any hub is advertised at all.</summary>
    public bool Any => _builtIn || _external.Length > 0;

    /// <summary>The hubs of a topic under <paramref name="baseUrl"/>, the built-in one first.</summary>
    public ImmutableArray<Uri> For(Uri baseUrl) => _builtIn ? _external.Insert(0, PublicUrls.Hub(baseUrl)) : _external;

    /// <summary><c>Link: &lt;hub&gt;; rel="hub", …, &lt;self&gt;; rel="self"</c> (RFC 8288), in the order the body lists them.</summary>
    public static string LinkHeader(ImmutableArray<Uri> hubs, Uri self)
    {
        var header = new StringBuilder();
        foreach (var hub in hubs)
        {
            header.Append('<').Append(hub.AbsoluteUri).Append(">; rel=\"hub\", ");
        }

        return header.Append('<').Append(self.AbsoluteUri).Append(">; rel=\"self\"").ToString();
    }
}
