using IfpFeeds.Diagnostics;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IfpFeeds.Hosting;

/// <summary>
/// OpenTelemetry for operators (README, "Operating it"): the service's own <see cref="Telemetry.Name"/> meter and
/// activity source, the framework's meters (hosting, Kestrel, rate limiting, diagnostics), ASP.NET Core, HttpClient
/// and runtime instrumentation. OTLP export of metrics, traces and logs when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; a Prometheus scrape endpoint at <c>GET /metrics</c> when
/// <c>Feeds:Metrics:Prometheus</c> is true. With neither, no SDK is registered at all: every instrument stays a
/// no-op and nothing is collected.
/// </summary>
internal static class Observability
{
    /// <summary>The framework's own meters, beside the service's.</summary>
    private static readonly string[] Meters =
    [
        Telemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Routing",
    ];

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        // The console's every formatter, and the one Logging:Console:FormatterName names: the slim host registers the simple one
        // and sets it over the configuration. So Logging__Console__FormatterName=json writes one JSON object a line; with
        // Logging__Console__FormatterOptions__IncludeScopes=true each carries the trace and span ids.
        builder.Logging.AddConsole();
        builder.Services.PostConfigure<ConsoleLoggerOptions>(console =>
        {
            if (builder.Configuration["Logging:Console:FormatterName"] is { Length: > 0 } name)
            {
                console.FormatterName = name;
            }
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = PrometheusEnabled(builder.Configuration);
        RequestDiagnostics.SkipWhenUnread(builder, tracing: otlp);
        if (!otlp && !prometheus)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Telemetry.Name, serviceVersion: typeof(Observability).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            // Traces and logs go only to a collector; UseOtlpExporter reads the standard OTEL_EXPORTER_OTLP_* variables.
            telemetry.WithTracing(tracing => tracing.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithLogging()
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format) when <c>Feeds:Metrics:Prometheus</c> is true.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue<bool>("Feeds:Metrics:Prometheus");
}
