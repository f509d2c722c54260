namespace IfpFeeds.Http;

/// <summary>
/// What a response's links depend on when <c>Feeds:BaseUrl</c> is unset: the request's scheme, host and
/// path base, as the request's own strings (taking them allocates nothing). With <c>Feeds:BaseUrl</c> set,
/// every request has the same, empty origin. Part of every cache key, so a response built for one host is
/// never served to another.
/// </summary>
public readonly record struct RequestOrigin(string? Scheme, string? Host, string? PathBase);
