namespace IfpFeeds.Http;

/// <summary>
/// Handlers for GET and HEAD requests that no route matched, by path prefix: <c>{prefix}{one segment}</c>. A feature
/// whose URLs are literal routes made at run time (<see cref="LiteralRoutes"/>) answers the rest of its family here
/// (an unknown feed's 404 with its reason, a new one before its route exists) without a parameter route, which
/// routing would make a candidate for every literal path too, capturing its value on each request.
/// <see cref="ProblemResponses"/> runs them.
/// </summary>
public sealed class FallbackRoutes
{
    private (string Prefix, RequestDelegate Handler)[] _routes = [];

    /// <summary>Answers unmatched GET and HEAD requests for <paramref name="prefix"/> + one path segment with <paramref name="handler"/>.</summary>
    public void MapGetHead(string prefix, Func<HttpContext, ValueTask<IResult>> handler) =>
        _routes = [.. _routes, (prefix, GetHeadEndpoints.Execute(handler))];

    /// <summary>The handler for <paramref name="context"/>'s request, which no route matched; null when none applies.</summary>
    internal RequestDelegate? For(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        var path = request.Path.Value.AsSpan();
        foreach (var (prefix, handler) in _routes)
        {
            if (path.StartsWith(prefix, StringComparison.Ordinal) && path.Length > prefix.Length && path[prefix.Length..].IndexOf('/') < 0)
            {
                return handler;
            }
        }

        return null;
    }
}
