using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IfpFeeds.Captures;

/// <summary>
/// Turns a section label into its URL slug: lower-case, hyphenated, stable. Latin letters lose their
/// accents (<c>Économie</c> → <c>economie</c>); letters and digits of other scripts are kept as they are
/// (<c>سیاست خارجی</c> → <c>سیاست-خارجی</c>), as WordPress does, so a Persian section gets a readable,
/// unique slug. Labels that give the same slug are one section.
/// </summary>
public static class SectionSlugs
{
    /// <summary>Slugs the service's own routes use (<c>/feeds/all.rss</c>, <c>/feeds/recent.rss</c>, <c>/feeds/search.rss</c>).</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "all", "recent", "search" };

    /// <summary>Slugs already computed: labels repeat across thousands of captures (bounded).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>How many slugs <see cref="Cache"/> holds, about: counted here, because <c>ConcurrentDictionary.Count</c> takes
    /// every one of its locks (the string pool's lesson, bench/README.md), and a site with more distinct tags or authors
    /// than the bound would have asked it for every one of them in every snapshot.</summary>
    private static int s_cached;

    /// <summary>The slug of <paramref name="label"/>; never empty, never a reserved route name.</summary>
    public static string From(string label)
    {
        if (Cache.TryGetValue(label, out var cached))
        {
            return cached;
        }

        var slug = Compute(label);
        if (Volatile.Read(ref s_cached) < 10_000 && Cache.TryAdd(label, slug))
        {
            Interlocked.Increment(ref s_cached);
        }

        return slug;
    }

    /// <summary>
    /// NFKD of <paramref name="label"/>; the normalizer refuses noncharacters (U+FFFE) and lone surrogates, which a
    /// capture may hold: those are dropped first, as they are neither letters nor digits.
    /// </summary>
    private static string Decompose(string label)
    {
        try
        {
            return label.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            var valid = new StringBuilder(label.Length);
            for (var i = 0; i < label.Length; i++)
            {
                if (Rune.TryGetRuneAt(label, i, out var rune))
                {
                    if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.OtherNotAssigned)
                    {
                        valid.Append(rune.ToString());
                    }

                    i += rune.Utf16SequenceLength - 1;
                }
            }

            try
            {
                return valid.ToString().Normalize(NormalizationForm.FormKD);
            }
            catch (ArgumentException)
            {
                return valid.ToString();
            }
        }
    }

    private static string Compute(string label)
    {
        var decomposed = Decompose(label);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue; // accents and vowel marks: "é" → "e"
            }

            if (Rune.IsLetterOrDigit(rune))
            {
                if (pendingHyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                pendingHyphen = false;
                sb.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (rune.Value is '\'' or '\u2019' or 0x200D)
            {
                // An apostrophe or a zero-width joiner joins: "Editor's Pick" → "editors-pick".
            }
            else
            {
                pendingHyphen = true; // spaces, punctuation, ZWNJ and other marks separate words
            }
        }

        var slug = sb.ToString();
        if (slug.Length == 0)
        {
            // Nothing letter-like (e.g. "!!!"): a short, stable hash of the label keeps it unique.
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(label));
            slug = "section-" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
        }

        return Reserved.Contains(slug) ? slug + "-section" : slug;
    }
}
