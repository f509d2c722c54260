namespace IfpFeeds.Http;

/// <summary>
/// Headers every response carries: <c>X-Content-Type-Options: nosniff</c> and a <c>Referrer-Policy</c>;
/// HTML additionally gets a strict Content-Security-Policy (no inline script or style: the page's script
/// and stylesheet are files of this origin) with <c>frame-ancestors 'none'</c>.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
