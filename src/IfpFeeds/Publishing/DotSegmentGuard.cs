using Microsoft.AspNetCore.Http.Features;

namespace IfpFeeds.Publishing;

/// <summary>
/// The server removes dot segments before routing, so <c>/api/captures/..</c> or <c>/api/captures/%2e%2e/x</c> would
/// reach another path (and its 404) rather than the publishing API. A target under <c>/api/captures/</c> that does not
/// stay there is a path trick, answered <c>400</c> here, first in the pipeline (only when publishing is on).
/// </summary>
internal sealed class DotSegmentGuard : IStartupFilter
{
    private const string Prefix = "/api/captures/";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (app.ApplicationServices.GetRequiredService<PublishingKeys>().Enabled)
        {
            app.Use(static (context, following) =>
            {
                var raw = (context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "").AsSpan();
                var query = raw.IndexOf('?');
                var target = query < 0 ? raw : raw[..query];
                if (target.Contains(Prefix, StringComparison.OrdinalIgnoreCase)
                    && !(context.Request.Path.StartsWithSegments(Prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value?.Length > 1))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid capture id",
                        detail: "A capture id may not be a dot segment ('.' or '..'), plain or percent-encoded.").ExecuteAsync(context);
                }

                return following(context);
            });
        }

        next(app);
    };
}
