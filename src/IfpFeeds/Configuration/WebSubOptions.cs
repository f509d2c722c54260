using System.ComponentModel.DataAnnotations;

namespace IfpFeeds.Configuration;

/// <summary>The <c>Feeds:WebSub</c> options: the built-in hub, external hubs, leases and the limits of outbound requests.</summary>
public sealed class WebSubOptions
{
    /// <summary>Whether the service is its own hub at <c>POST /websub</c> (default true).</summary>
    public bool BuiltInHub { get; set; } = true;

    /// <summary>External hubs (absolute http(s) URLs) pinged after each change and advertised beside (or instead of) the built-in one.</summary>
    public List<string> Hubs { get; set; } = [];

    /// <summary>The lease when a subscriber asks for none (default 10 days).</summary>
    [Range(60, 31_536_000)]
    public int DefaultLeaseSeconds { get; set; } = 864_000;

    /// <summary>The shortest lease granted (default 1 hour); shorter requests are raised to it.</summary>
    [Range(60, 31_536_000)]
    public int MinLeaseSeconds { get; set; } = 3_600;

    /// <summary>The longest lease granted (default 30 days); longer requests are cut to it.</summary>
    [Range(60, 31_536_000)]
    public int MaxLeaseSeconds { get; set; } = 2_592_000;

    /// <summary>Lets callbacks reach loopback and private addresses (tests and private deployments only; default false).</summary>
    public bool AllowPrivateCallbacks { get; set; }

    /// <summary>Subscriptions the hub holds in all (default 10,000); past it a subscribe is refused.</summary>
    [Range(1, 10_000_000)]
    public int MaxSubscriptions { get; set; } = 10_000;

    /// <summary>Subscriptions one topic may have (default 1,000).</summary>
    [Range(1, 10_000_000)]
    public int MaxSubscriptionsPerTopic { get; set; } = 1_000;

    /// <summary>Connect and response timeout of each outbound request (default 5 s).</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Subscription requests (<c>POST /websub</c>) one client address may make a minute (default 120; 0: no limit).</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// Changes closer together than this are one for distribution (default 100 ms): a burst of writes gives one delivery
    /// per topic, of its final bytes. 0 pushes each change at once.
    /// </summary>
    [Range(0, 10_000)]
    public int BurstMilliseconds { get; set; } = 100;

    /// <summary>How long a failing delivery is retried, with exponential backoff, before it is dropped (default 1 hour).</summary>
    [Range(1, 604_800)]
    public int RetrySeconds { get; set; } = 3_600;
}
