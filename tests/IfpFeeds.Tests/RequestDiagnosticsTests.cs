using IfpFeeds.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IfpFeeds.Tests;

/// <summary>
/// The hosting layer's per-request activity and log scope are skipped only when nothing would read them: its category is
/// the switch it consults (any level enabled → an activity and a scope for every request).
/// </summary>
public sealed class RequestDiagnosticsTests
{
    public static TheoryData<string, string?, bool> Settings => new()
    {
        { "nothing asked for", null, false },
        { "Logging:Console:FormatterOptions:IncludeScopes", "true", true },
        { "Logging:LogLevel:Microsoft.AspNetCore", "Information", true },
        { "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Debug", true },
        { "Logging:LogLevel:Microsoft.AspNetCore.Hosting", "Error", false },
        { "Logging:Console:LogLevel:Default", "Information", true },
        { "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", true }, // nothing listens: exports fail quietly
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void TheHostingCategoryIsOnOnlyWhenSomethingReadsIt(string key, string? value, bool hostingOn)
    {
        using var app = new TestApp(value is null ? null : new() { [key] = value });
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        Assert.Equal(hostingOn, loggers.CreateLogger(RequestDiagnostics.Category).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("IfpFeeds.Store.ArticleStore").IsEnabled(LogLevel.Warning)); // the service's own logs stay
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Error)); // and Kestrel's errors
    }
}
