namespace IfpFeeds.Http;

/// <summary>
/// Runs before routing: a GET or HEAD whose path is exactly one of the <see cref="LiteralRoutes"/>' paths (the feed
/// URLs aggregators poll) gets that endpoint at once, and routing, finding an endpoint set, skips its matcher. The
/// endpoint is the one routing would have chosen (a literal route of order 0 with the same methods), so metadata,
/// metrics (<c>http.route</c>) and every later middleware see the same request; any other path, spelling or method
/// goes through routing as before (its 404, its 405 with <c>Allow</c>).
/// </summary>
public static class LiteralRouteDispatch
{
    /// <summary>
    /// Adds the dispatch, then routing itself (<c>UseRouting</c>): call it where routing should run. The literal
    /// route sources are read from <paramref name="app"/>'s data sources when the pipeline is built, after every
    /// <c>Map…()</c>.
    /// </summary>
    public static IApplicationBuilder UseLiteralRouteDispatch(this WebApplication app)
    {
        IEndpointRouteBuilder routes = app;
        app.Use(next =>
        {
            var sources = routes.DataSources.OfType<LiteralRoutes>().ToArray();
            return context =>
            {
                var request = context.Request;
                if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.Value is { } path)
                {
                    foreach (var source in sources)
                    {
                        if (source.TryMatch(path, out var endpoint))
                        {
                            context.SetEndpoint(endpoint);
                            break;
                        }
                    }
                }

                return next(context);
            };
        });
        return app.UseRouting();
    }
}
