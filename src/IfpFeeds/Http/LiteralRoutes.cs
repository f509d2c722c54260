using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Http;

/// <summary>
/// GET and HEAD routes whose paths are known only at run time and change with the content (one per feed URL).
/// Each is a literal route, so routing matches a request for it with no route values to capture (a parameter
/// segment allocates a value dictionary and a string on every request): the most polled URLs then cost
/// routing nothing more than a fixed <c>MapGet</c> does. A parameter route beside them still answers every
/// path they do not cover (new names before the next update, other spellings). Routing rebuilds its matcher
/// when <see cref="Replace"/> changes the set.
/// </summary>
/// <param name="displayName">What the endpoints' display names start with.</param>
/// <param name="route">The route the metrics and traces name for every one of them (<c>http.route</c>), e.g.
/// <c>/feeds/{name}.{format}</c>: one series for all, never one per path.</param>
public sealed class LiteralRoutes(string displayName, string route) : EndpointDataSource
{
    private readonly RouteDiagnostics _diagnostics = new(route);

    private readonly Lock _gate = new();
    private IReadOnlyList<Endpoint> _endpoints = [];
    private FrozenDictionary<string, Endpoint> _byPath = FrozenDictionary<string, Endpoint>.Empty;
    private CancellationTokenSource _changed = new();

    public override IReadOnlyList<Endpoint> Endpoints => Volatile.Read(ref _endpoints);

    /// <summary>
    /// The endpoint whose path is exactly <paramref name="path"/> (ordinal: another spelling is left to routing), for
    /// <see cref="LiteralRouteDispatch"/>, which sets it before routing so that routing skips its matcher.
    /// </summary>
    public bool TryMatch(string path, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out Endpoint endpoint) =>
        Volatile.Read(ref _byPath).TryGetValue(path, out endpoint);

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>
    /// Makes <paramref name="routes"/> (path → handler) the routes; a set with the same paths as now changes
    /// nothing (routing keeps its matcher). Paths are route patterns made only of literal segments.
    /// </summary>
    public void Replace(IReadOnlyDictionary<string, Func<HttpContext, ValueTask<IResult>>> routes)
    {
        lock (_gate)
        {
            var current = Volatile.Read(ref _byPath);
            if (current.Count == routes.Count && routes.Keys.All(current.ContainsKey))
            {
                return;
            }

            var endpoints = new List<Endpoint>(routes.Count);
            var byPath = new Dictionary<string, Endpoint>(routes.Count, StringComparer.Ordinal);
            foreach (var (path, handler) in routes)
            {
                var builder = new RouteEndpointBuilder(GetHeadEndpoints.Execute(handler), RoutePatternFactory.Parse(path), order: 0)
                {
                    DisplayName = $"{displayName} {path}",
                };
                builder.Metadata.Add(GetHeadEndpoints.MethodMetadata);
                builder.Metadata.Add(_diagnostics);
                var endpoint = builder.Build();
                endpoints.Add(endpoint);
                byPath[path] = endpoint;
            }

            Volatile.Write(ref _endpoints, endpoints);
            Volatile.Write(ref _byPath, byPath.ToFrozenDictionary(StringComparer.Ordinal));
            var previous = _changed;
            Volatile.Write(ref _changed, new CancellationTokenSource());
            previous.Cancel();
            previous.Dispose();
        }
    }
}

/// <summary>The route a group of endpoints reports as <c>http.route</c>.</summary>
internal sealed record RouteDiagnostics(string Route) : Microsoft.AspNetCore.Http.Metadata.IRouteDiagnosticsMetadata;
