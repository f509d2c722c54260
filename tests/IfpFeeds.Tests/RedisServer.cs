using System.Diagnostics;
using System.Net.Sockets;

namespace IfpFeeds.Tests;

/// <summary>
/// A real <c>redis-server</c> for the fleet tests, started on a free 127.0.0.1 port with no persistence; it can be stopped
/// and started again on the same port (an outage). <see cref="Available"/> says whether the binary is installed.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private readonly string? _folder;

    private RedisServer(int port, string? folder)
    {
        Port = port;
        _folder = folder;
    }

    public int Port { get; }

    /// <summary><c>ConnectionStrings:Redis</c> for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Where <c>redis-server</c> is, or null when it is not installed.</summary>
    public static string? Binary { get; } = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    public static bool Available => Binary is not null;

    /// <param name="persistent">Keep the data across a stop and start (an append-only file in a temporary folder).</param>
    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var server = new RedisServer(ServiceProcess.FreePort(), persistent ? Directory.CreateTempSubdirectory("ifpfeeds-redis-").FullName : null);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts it (again) on its port and waits until it answers.</summary>
    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Binary ?? throw new InvalidOperationException("redis-server is not installed"),
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--daemonize", "no",
                .. _folder is null ? ["--appendonly", "no"] : new[] { "--appendonly", "yes", "--appendfsync", "always", "--dir", _folder }])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops it (the outage), waiting until it has exited.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
