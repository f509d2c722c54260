using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IfpFeeds.Tests;

/// <summary>
/// The service as a real process (<c>dotnet IfpFeeds.dll</c>, Production unless told otherwise), for what only a
/// process shows: its exit code, its output, its signals. Bounded in time; killed on dispose.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;
    private readonly string? _dataFolder;

    private ServiceProcess(Process process, string? dataFolder)
    {
        _process = process;
        _dataFolder = dataFolder;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>
    /// Starts the service with <paramref name="args"/> and <paramref name="environment"/> (added to the test's own); unless
    /// the environment names one, the process gets a data folder of its own (deleted on dispose).
    /// </summary>
    /// <param name="launcher">A command that runs the service's command line after it (e.g. <c>unshare -m sh -c '… exec "$0" "$@"'</c>).</param>
    public static ServiceProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null,
        IReadOnlyList<string>? launcher = null)
    {
        string[] command = [.. launcher ?? [], "dotnet", Path.Combine(AppContext.BaseDirectory, "IfpFeeds.dll"), .. args];
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            },
        };
        string? dataFolder = null;
        if (environment?.ContainsKey("Feeds__DataPath") != true)
        {
            start.Environment["Feeds__DataPath"] = dataFolder = Directory.CreateTempSubdirectory("ifpfeeds-data-").FullName;
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(Process.Start(start)!, dataFolder);
    }

    /// <summary>Waits for the process to end (at most <paramref name="timeout"/>); its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the service did not exit within {timeout.TotalSeconds} s; output so far is lost with the kill");
        }

        return (_process.ExitCode, await _output, await _error);
    }

    /// <summary>Polls <paramref name="client"/>'s <c>/healthz</c> until it answers (any status), at most 30 s.</summary>
    public static async Task WaitUntilUpAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/healthz");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the process at once (SIGKILL: no clean stop, nothing flushed) and waits for it to be gone.</summary>
    public void Kill()
    {
        _process.Kill(); // the process alone: walking a tree of children takes milliseconds
        _process.WaitForExit(10_000);
    }

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
        if (_dataFolder is not null)
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
