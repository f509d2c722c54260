namespace IfpFeeds.Hosting;

/// <summary>Kestrel's limits, set deliberately: requests here are small GETs (RFC 9110 §15.5.14, §15.5.20 and §15.5.22 answers).</summary>
internal static class KestrelLimits
{
    public static IWebHostBuilder UseFeedServiceLimits(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxConcurrentConnections = 10_000;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(120);
        });
}
