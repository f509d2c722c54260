namespace IfpFeeds.Hosting;

/// <summary>
/// ASP.NET Core's hosting layer starts an <see cref="System.Diagnostics.Activity"/> and a log scope for every request as
/// soon as its log category (<see cref="Category"/>) is enabled at any level, even when nothing will ever read them:
/// ~600 B and ~0.6 µs a request, most of what a cached feed answer allocated (bench/README.md, "the hot path").
/// This turns that category off when nothing reads them: no trace exporter (OTLP), console scopes not included, and
/// no level configured for the category that would print its request logs (Information or lower). An operator who
/// asks for any of those gets the framework's behaviour unchanged.
/// </summary>
internal static class RequestDiagnostics
{
    /// <summary>The hosting layer's category: its request logs, and the switch for its per-request activity and scope.</summary>
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static void SkipWhenUnread(WebApplicationBuilder builder, bool tracing)
    {
        if (!tracing && !builder.Configuration.GetValue<bool>("Logging:Console:FormatterOptions:IncludeScopes")
            && ConfiguredLevel(builder.Configuration) > LogLevel.Information)
        {
            builder.Logging.AddFilter(Category, LogLevel.None);
        }
    }

    /// <summary>
    /// The level the configuration gives <see cref="Category"/>: the console's own rules first, then the general ones,
    /// the longest matching category prefix winning (as the logging filter does), then <c>Default</c>; Information if none.
    /// </summary>
    internal static LogLevel ConfiguredLevel(IConfiguration configuration)
    {
        foreach (var section in new[] { "Logging:Console:LogLevel", "Logging:LogLevel" })
        {
            for (var prefix = Category; prefix.Length > 0; prefix = prefix.LastIndexOf('.') is var dot and > 0 ? prefix[..dot] : "")
            {
                if (Parse(configuration[$"{section}:{prefix}"]) is { } level)
                {
                    return level;
                }
            }

            if (Parse(configuration[$"{section}:Default"]) is { } fallback)
            {
                return fallback;
            }
        }

        return LogLevel.Information;
    }

    private static LogLevel? Parse(string? value) => Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) ? level : null;
}
