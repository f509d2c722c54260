using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Http;

/// <summary>
/// Content negotiation and conditional requests, in one small type with no state and no allocations:
/// <list type="bullet">
/// <item>RFC 9110 §12.5.3 Accept-Encoding: the highest q-value wins, brotli before gzip on a tie,
/// <c>q=0</c> refuses a coding, <c>*</c> stands for every coding not named, identity when nothing fits.</item>
/// <item>RFC 9110 §13.1.2 If-None-Match: weak comparison against any of the representation's tags, lists, <c>*</c>.</item>
/// <item>RFC 9110 §13.1.3 If-Modified-Since: only for GET and HEAD, only without If-None-Match, ignored
/// when not a valid HTTP-date.</item>
/// </list>
/// </summary>
public static class ConditionalGet
{
    /// <summary>Chooses the coding for a request's Accept-Encoding among those available.</summary>
    public static ContentCoding Negotiate(StringValues acceptEncoding, bool gzipAvailable = true, bool brotliAvailable = true)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding))
        {
            return ContentCoding.Identity;
        }

        double br = -1, gzip = -1, star = -1;
        foreach (var value in acceptEncoding)
        {
            var rest = (value ?? "").AsSpan();
            while (!rest.IsEmpty)
            {
                var comma = rest.IndexOf(',');
                var item = comma < 0 ? rest : rest[..comma];
                rest = comma < 0 ? default : rest[(comma + 1)..];

                var semicolon = item.IndexOf(';');
                var coding = (semicolon < 0 ? item : item[..semicolon]).Trim();
                var q = semicolon < 0 ? 1.0 : ParseQ(item[(semicolon + 1)..]);
                if (q < 0)
                {
                    continue; // a malformed q-value: ignore the item
                }

                if (coding.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    br = Math.Max(br, q);
                }
                else if (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = Math.Max(gzip, q);
                }
                else if (coding.Equals("*", StringComparison.Ordinal))
                {
                    star = Math.Max(star, q);
                }
            }
        }

        // A coding not named takes the value of "*", if any.
        br = br >= 0 ? br : star;
        gzip = gzip >= 0 ? gzip : star;
        if (!brotliAvailable)
        {
            br = -1;
        }

        if (!gzipAvailable)
        {
            gzip = -1;
        }

        if (br > 0 && br >= gzip)
        {
            return ContentCoding.Brotli;
        }

        return gzip > 0 ? ContentCoding.Gzip : ContentCoding.Identity;
    }

    /// <summary>
    /// True when the client's copy is current and the answer is 304 Not Modified. <paramref name="etags"/>
    /// are every tag of the representation (any coding validates, RFC 9110 §8.8.3.3).
    /// </summary>
    public static bool IsNotModified(
        string method,
        StringValues ifNoneMatch,
        StringValues ifModifiedSince,
        ReadOnlySpan<string> etags,
        DateTimeOffset? lastModified)
    {
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            return false;
        }

        if (!StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            // §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
            return AnyTagMatches(ifNoneMatch, etags);
        }

        if (lastModified is { } modified
            && ifModifiedSince.Count == 1
            && HeaderUtilities.TryParseDate(ifModifiedSince[0], out var since))
        {
            // HTTP dates have whole seconds: compare at that precision. Without a Last-Modified, the date means nothing.
            return TruncateToSeconds(modified) <= since;
        }

        return false;
    }

    /// <summary>§13.1.2: weak comparison of each listed entity-tag with ours; <c>*</c> matches any.</summary>
    public static bool AnyTagMatches(StringValues ifNoneMatch, ReadOnlySpan<string> etags)
    {
        foreach (var value in ifNoneMatch)
        {
            var rest = (value ?? "").AsSpan().Trim();
            if (rest.SequenceEqual("*"))
            {
                return true;
            }

            while (!rest.IsEmpty)
            {
                rest = rest.TrimStart(" \t,");
                if (rest.StartsWith("W/", StringComparison.Ordinal))
                {
                    rest = rest[2..];
                }

                if (rest.IsEmpty || rest[0] != '"')
                {
                    return false; // not an entity-tag list: ignore the header
                }

                var close = rest[1..].IndexOf('"');
                if (close < 0)
                {
                    return false;
                }

                var tag = rest[..(close + 2)];
                foreach (var etag in etags)
                {
                    if (tag.SequenceEqual(etag))
                    {
                        return true;
                    }
                }

                rest = rest[(close + 2)..];
            }
        }

        return false;
    }

    /// <summary>The value of <c>q=</c> in "q=0.5" (0 to 1, at most three decimals); -1 when malformed.</summary>
    private static double ParseQ(ReadOnlySpan<char> parameters)
    {
        var p = parameters.Trim();
        if (p.Length < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
        {
            return p.IsEmpty ? 1.0 : -1;
        }

        return double.TryParse(p[2..], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q)
            && q is >= 0 and <= 1
            ? q
            : -1;
    }

    internal static DateTimeOffset TruncateToSeconds(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
}
