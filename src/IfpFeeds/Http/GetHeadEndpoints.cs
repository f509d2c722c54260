using System.Diagnostics.CodeAnalysis;

namespace IfpFeeds.Http;

/// <summary>
/// Maps the service's read-only resources: <c>GET</c> and <c>HEAD</c> on one route, with a handler that is a
/// plain <see cref="RequestDelegate"/> over the feature's own singletons. No parameter binding runs and no
/// per-request DI scope is created, so a cache hit costs only the lookup (bench/README.md, "the hot path").
/// Another method on the route is routing's 405 with <c>Allow: GET, HEAD</c>, made a problem by
/// <see cref="ProblemResponses"/>.
/// </summary>
public static class GetHeadEndpoints
{
    /// <summary>The methods every read-only resource answers.</summary>
    public static IReadOnlyList<string> Methods { get; } = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>The routing metadata that restricts an endpoint to <see cref="Methods"/>.</summary>
    internal static readonly HttpMethodMetadata MethodMetadata = new(Methods);

    /// <summary>
    /// Maps <paramref name="pattern"/> for GET and HEAD to <paramref name="handler"/>, whose result is
    /// executed as it completes (synchronously on a cache hit: no state machine, no allocation).
    /// </summary>
    public static IEndpointConventionBuilder MapGetHead(
        this IEndpointRouteBuilder routes, [StringSyntax("Route")] string pattern, Func<HttpContext, ValueTask<IResult>> handler)
    {
        return routes.Map(pattern, Execute(handler)).WithMetadata(MethodMetadata);
    }

    /// <summary><paramref name="handler"/> as a request delegate that executes its result as soon as it completes.</summary>
    internal static RequestDelegate Execute(Func<HttpContext, ValueTask<IResult>> handler) => context =>
    {
        var pending = handler(context);
        return pending.IsCompletedSuccessfully ? pending.Result.ExecuteAsync(context) : ExecuteWhenReadyAsync(pending, context);
    };

    private static async Task ExecuteWhenReadyAsync(ValueTask<IResult> pending, HttpContext context) =>
        await (await pending.ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false);
}
