using IfpFeeds.Store.Dates;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Hosting;

/// <summary>
/// Start-up failures a person can fix (a bad option or settings value, a broken settings file, an address that
/// cannot be listened on) as one line naming the key or the address, instead of an unhandled exception's stack
/// trace. Anything else is a defect and keeps its stack trace.
/// </summary>
internal static class StartupFailure
{
    /// <summary>The host's own category, whose only error at start repeats the exception with its stack trace.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>
    /// Silences the host's "Hosting failed to start" error (and its stack trace) until the application has
    /// started: the failure is reported once, by <see cref="Describe"/>'s line or as the unhandled exception it
    /// is. From then on the host logs its warnings and errors (a failing background service) as usual.
    /// </summary>
    public static void QuietHostUntilStarted(this WebApplicationBuilder builder, Func<bool> started) =>
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Warning && started());

    /// <summary>The line to print for <paramref name="exception"/>, or null when it is not a start-up problem a person can fix.</summary>
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException options:
                    return "invalid configuration: " + string.Join("; ", options.Failures);
                case InvalidOperationException when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return "invalid configuration: " + e.Message;
                case InvalidDataException when e.Message.StartsWith("Failed to load configuration from file", StringComparison.Ordinal):
                    return $"invalid configuration: {e.Message} {e.InnerException?.Message}".TrimEnd();
                case IOException when e.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal):
                    return e.InnerException is { } why && !e.Message.Contains(why.Message, StringComparison.OrdinalIgnoreCase)
                        ? $"cannot listen: {e.Message.TrimEnd('.')}: {why.Message}"
                        : "cannot listen: " + e.Message;
                case DataPathUnavailableException:
                    return e.Message;
                case FormatException when e.Message.Contains("url", StringComparison.OrdinalIgnoreCase):
                    return "cannot listen: " + e.Message;
            }
        }

        return null;
    }
}
