using IfpFeeds.Http;

namespace IfpFeeds.Caching;

/// <summary>
/// The identity of a cached representation, every part chosen by the feature that serves it: the kind of
/// resource (<c>"feed.rss"</c>, <c>"page.section"</c>…), which one (a slug, an id, or empty), its validated
/// list parameters (0 where none), and the <see cref="RequestOrigin"/> its links were built for. Only
/// validated values go in, so unknown query parameters never create entries. A struct of the request's own
/// strings: building and looking it up allocates nothing.
/// </summary>
public readonly record struct CacheKey(string Resource, string Name, int Limit, int Page, RequestOrigin Origin);
