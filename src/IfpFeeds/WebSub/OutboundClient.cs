namespace IfpFeeds.WebSub;

/// <summary>The one <see cref="HttpClient"/> over an <see cref="OutboundHttp"/> handler that callbacks and hub pings share.</summary>
public sealed class OutboundClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public void Dispose() => Http.Dispose();
}
