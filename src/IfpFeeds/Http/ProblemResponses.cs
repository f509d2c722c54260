namespace IfpFeeds.Http;

/// <summary>
/// Every error the pipeline produces answers as RFC 9457 problem details, with no stack trace: a status of
/// 400 or more that nothing wrote a body for (routing's 404 for an unknown path, its 405 with
/// <c>Allow</c>), a <see cref="BadHttpRequestException"/> (its own status, e.g. a bad Host is 400), and any
/// other exception (500, logged). A request no route matched goes first to its <see cref="FallbackRoutes"/>
/// handler, if one applies. It takes the place of <c>UseExceptionHandler</c> + <c>UseStatusCodePages</c>, which
/// cost every request something, errors or not (bench/README.md): here a request that succeeds pays one check
/// of the finished response and allocates nothing.
/// </summary>
public static partial class ProblemResponses
{
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProblemResponses).FullName!);
        var fallbacks = app.ApplicationServices.GetRequiredService<FallbackRoutes>();
        return app.Use(next => context =>
        {
            Task task;
            try
            {
                task = next(context);
            }
            catch (Exception ex)
            {
                return FailedAsync(context, ex, logger);
            }

            if (task.IsCompletedSuccessfully)
            {
                return AfterAsync(context, fallbacks, logger);
            }

            // A body still being written has a status already, and an error now could only abort the
            // connection, which Kestrel does itself: nothing to wait for (and no state machine to allocate).
            return context.Response.HasStarted ? task : AwaitAsync(task, context, fallbacks, logger);
        });
    }

    private static async Task AwaitAsync(Task task, HttpContext context, FallbackRoutes fallbacks, ILogger logger)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await FailedAsync(context, ex, logger).ConfigureAwait(false);
            return;
        }

        await AfterAsync(context, fallbacks, logger).ConfigureAwait(false);
    }

    /// <summary>A request no route matched: its fallback route's answer, if it has one; else its problem body.</summary>
    private static Task AfterAsync(HttpContext context, FallbackRoutes fallbacks, ILogger logger)
    {
        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status404NotFound && !response.HasStarted && context.GetEndpoint() is null
            && fallbacks.For(context) is { } fallback)
        {
            response.StatusCode = StatusCodes.Status200OK;
            return RunFallbackAsync(context, fallback, logger);
        }

        return AddMissingBody(context);
    }

    private static async Task RunFallbackAsync(HttpContext context, RequestDelegate fallback, ILogger logger)
    {
        try
        {
            await fallback(context).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await FailedAsync(context, ex, logger).ConfigureAwait(false);
            return;
        }

        await AddMissingBody(context).ConfigureAwait(false);
    }

    /// <summary>A bodiless error status (nothing set a length or a type) gets its problem body.</summary>
    private static Task AddMissingBody(HttpContext context)
    {
        var response = context.Response;
        return response.StatusCode < 400 || response.HasStarted || response.ContentLength is not null || response.ContentType is not null
            ? Task.CompletedTask
            : TypedResults.Problem(statusCode: response.StatusCode).ExecuteAsync(context);
    }

    private static Task FailedAsync(HttpContext context, Exception exception, ILogger logger)
    {
        if (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
        {
            return Task.CompletedTask; // the client went away: nobody to answer
        }

        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        if (status >= 500)
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path.Value ?? "", exception);
        }
        else
        {
            LogBadRequest(logger, status, exception.Message);
        }

        if (context.Response.HasStarted)
        {
            return Task.FromException(exception); // too late for an answer: Kestrel aborts the connection
        }

        context.Response.Clear();
        context.Response.StatusCode = status;
        return TypedResults.Problem(statusCode: status, detail: status < 500 ? exception.Message : null).ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bad request ({Status}): {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string reason);
}
