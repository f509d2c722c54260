using System.Runtime.CompilerServices;
using IfpFeeds.Captures;
using IfpFeeds.Configuration;
using IfpFeeds.Store;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Feeds;

/// <summary>
/// The language each article and section is written in, for feeds (RSS <c>language</c>, Atom <c>xml:lang</c>, JSON
/// Feed <c>language</c>) and pages (<c>lang</c>, <c>dir</c>): <c>Feeds:SectionLanguages:{slug}</c> where set; else
/// <c>fa</c> for text mostly in Arabic script (this site's Persian pages); else <c>Feeds:Language</c>. An article is
/// judged by its title and summary, a section by the language most of its articles have.
/// </summary>
public sealed class ContentLanguages(IOptions<FeedsOptions> options)
{
    private static readonly ConditionalWeakTable<Article, string> ByArticle = new();
    private readonly FeedsOptions _options = options.Value;

    /// <summary>The site's default language (<c>Feeds:Language</c>).</summary>
    public string Default => _options.Language;

    public string For(Article article) =>
        _options.SectionLanguages.TryGetValue(article.SectionSlug, out var set) ? set : ByArticle.GetValue(article, a => Detect(a, _options.Language));

    public string For(Section section)
    {
        if (_options.SectionLanguages.TryGetValue(section.Slug, out var set))
        {
            return set;
        }

        return section.Articles.GroupBy(For, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key == _options.Language ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? _options.Language;
    }

    /// <summary>The language of a list that may mix them (a tag, an author, <c>all</c>): the default, unless every article shares another.</summary>
    public string For(IReadOnlyCollection<Article> articles)
    {
        string? common = null;
        foreach (var article in articles)
        {
            var language = For(article);
            if (common is not null && common != language)
            {
                return _options.Language;
            }

            common = language;
        }

        return common ?? _options.Language;
    }

    /// <summary>Whether text in <paramref name="language"/> runs right to left (its primary subtag is Arabic, Persian, Urdu, Hebrew…).</summary>
    public static bool IsRightToLeft(string language)
    {
        var primary = language.Split('-')[0].ToLowerInvariant();
        return primary is "ar" or "fa" or "ur" or "he" or "yi" or "ps" or "ckb" or "dv" or "sd" or "ug";
    }

    /// <summary><c>fa</c> when most letters of the title and summary are in Arabic script; else <paramref name="fallback"/>.</summary>
    public static string Detect(Article article, string fallback)
    {
        int arabic = 0, other = 0;
        Count(article.Title, ref arabic, ref other);
        Count(article.Summary, ref arabic, ref other);
        return arabic > other ? (IsRightToLeft(fallback) ? fallback : "fa") : fallback;
    }

    private static void Count(string text, ref int arabic, ref int other)
    {
        foreach (var c in text)
        {
            if (c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
                or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF'))
            {
                arabic += char.IsLetter(c) ? 1 : 0;
            }
            else if (char.IsLetter(c))
            {
                other++;
            }
        }
    }
}
