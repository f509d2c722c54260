namespace IfpFeeds.Tests;

/// <summary>An app served by real Kestrel on a free loopback port, so the server's own URL and header parsing is in play.</summary>
public abstract class KestrelAppFixture : IDisposable
{
    protected KestrelAppFixture(TestApp app)
    {
        App = app;
        App.UseKestrel(0);
        App.StartServer();
        Port = RawHttp.PortOf(App);
    }

    public TestApp App { get; }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
