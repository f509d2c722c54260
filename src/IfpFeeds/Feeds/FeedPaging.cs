using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>RFC 5005 §3 paged-feed links; <see cref="Previous"/> and <see cref="Next"/> are null at the ends.</summary>
public sealed record FeedPaging(int Page, int PageCount, Uri First, Uri Last, Uri? Previous, Uri? Next)
{
    /// <summary>This page's own URL.</summary>
    public required Uri Self { get; init; }

    /// <summary>
    /// The links of <paramref name="page"/> of the <paramref name="format"/> feed <paramref name="name"/>, which holds
    /// <paramref name="count"/> items; <paramref name="query"/> (escaped) comes first in each URL's query.
    /// </summary>
    public static FeedPaging Of(string name, FeedFormat format, FeedPage page, int count, Uri baseUrl, string? query = null)
    {
        var pageCount = page.PageCount(count);
        var extension = FeedFormats.Extension(format);
        Uri PageUrl(int number) => PublicUrls.Feed(baseUrl, name, extension, Join(query, FeedQuery.Of(page.WithNumber(number))));
        return new FeedPaging(page.Number, pageCount, PageUrl(1), PageUrl(pageCount),
            page.Number > 1 ? PageUrl(page.Number - 1) : null,
            page.Number < pageCount ? PageUrl(page.Number + 1) : null)
        {
            Self = PageUrl(page.Number),
        };
    }

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "&" + second;

    /// <summary>
    /// RFC 5005 §3's relations in order (first, previous, next, last), only when there is more than one page.
    /// The relation is <c>previous</c>, RFC 5005's own name and the one the W3C validator knows.
    /// </summary>
    public IEnumerable<(string Rel, Uri Href)> Links()
    {
        if (PageCount <= 1)
        {
            yield break;
        }

        yield return ("first", First);
        if (Previous is { } previous)
        {
            yield return ("previous", previous);
        }

        if (Next is { } next)
        {
            yield return ("next", next);
        }

        yield return ("last", Last);
    }
}
