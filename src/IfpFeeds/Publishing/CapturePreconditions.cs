using IfpFeeds.Captures;
using IfpFeeds.Store;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Publishing;

/// <summary>
/// The preconditions of a write or delete, evaluated as RFC 9110 §13.2.2 orders them, against the capture stored now
/// (under its id's lock, so nothing can change between the check and the write):
/// <list type="number">
/// <item>If-Match: strong comparison with the stored capture's tag (a weak tag never matches); <c>*</c> matches any stored
/// capture; false when there is none.</item>
/// <item>Without If-Match, If-Unmodified-Since: false when the stored capture was written after the date.</item>
/// <item>If-None-Match: <c>*</c> is false when a capture is stored (create only); a listed tag that matches (weakly) is false.</item>
/// </list>
/// A header that is not an entity-tag list is malformed (400): a client that meant a precondition must not have its
/// write go through unguarded.
/// </summary>
public static class CapturePreconditions
{
    /// <summary>What the preconditions say.</summary>
    public enum Verdict
    {
        Proceed,
        Failed,
        Malformed,
    }

    public static Verdict Evaluate(IHeaderDictionary headers, StoredCapture? current)
    {
        var ifMatch = headers.IfMatch;
        if (ifMatch.Count > 0)
        {
            if (!EntityTagHeaderValue.TryParseStrictList(ifMatch, out var tags))
            {
                return Verdict.Malformed;
            }

            if (current is null || !tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Equals(current.ETag, StringComparison.Ordinal))))
            {
                return Verdict.Failed;
            }
        }
        else if (headers.IfUnmodifiedSince.Count > 0 && current is not null
            && HeaderUtilities.TryParseDate(headers.IfUnmodifiedSince.ToString(), out var since)
            && CaptureDates.WholeSeconds(current.LastWrite) > since) // HTTP dates have whole seconds: a write within the date's is not after it
        {
            return Verdict.Failed;
        }

        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            if (!EntityTagHeaderValue.TryParseStrictList(ifNoneMatch, out var tags))
            {
                return Verdict.Malformed;
            }

            if (current is not null && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(current.ETag, StringComparison.Ordinal)))
            {
                return Verdict.Failed;
            }
        }

        return Verdict.Proceed;
    }
}
