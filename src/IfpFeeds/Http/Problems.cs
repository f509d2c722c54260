using System.Globalization;

namespace IfpFeeds.Http;

/// <summary>
/// The service's error answers, all RFC 9457 problem details (<c>application/problem+json</c>) written by
/// the framework's ProblemDetails service: one shape for every 4xx a handler gives.
/// </summary>
public static class Problems
{
    /// <summary>At most this many characters of a client's input are echoed back in an error.</summary>
    public const int MaxEcho = 100;

    public static IResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static IResult BadRequest(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail);

    /// <summary>The 400 of a query parameter that must be a whole number from 1 to <paramref name="max"/>.</summary>
    public static IResult InvalidNumber(string name, int max) =>
        BadRequest($"Invalid '{name}'", $"'{name}' must be given once, as a whole number from 1 to {max.ToString(CultureInfo.InvariantCulture)}.");

    /// <summary>A client's input as it may appear in an error: at most <see cref="MaxEcho"/> characters.</summary>
    public static string Echo(string value) => value.Length <= MaxEcho ? value : value[..MaxEcho] + "…";
}
