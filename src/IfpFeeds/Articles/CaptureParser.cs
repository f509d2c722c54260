using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IfpFeeds.Articles;

/// <summary>
/// Parses one capture, exactly as ARTICLE-FORMAT.md says: a pure function of the file name, its bytes
/// and its last-write time. It never throws on any bytes: the answer is an <see cref="Article"/> or a
/// <see cref="CaptureRejection"/> naming the file and the reason.
/// </summary>
public static class CaptureParser
{
    /// <summary>Line 1 (the section label) may be at most this long.</summary>
    public const int MaxSectionLength = 60;

    /// <summary>The byline's author name line: at most this many characters and words.</summary>
    public const int MaxAuthorLength = 80, MaxAuthorWords = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>ISO 8601 forms accepted in front matter; a date without an offset is UTC.</summary>
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses the capture <paramref name="fileName"/> (a bare file name, e.g. <c>000_b921.txt</c>).</summary>
    /// <param name="pool">Where repeated strings are shared (the store's); the parse is the same without it.</param>
    public static CaptureParseResult Parse(string fileName, ReadOnlySpan<byte> bytes, DateTimeOffset lastWrite, StringPool? pool = null)
    {
        try
        {
            // Whole seconds: every format (RFC 822, HTTP dates) shows seconds, so all agree.
            var utc = lastWrite.ToUniversalTime();
            return ParseCore(fileName, bytes, utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)), pool);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defence in depth: no capture may take the service down, whatever it holds.
            return CaptureParseResult.Reject(fileName, $"could not be parsed: {ex.Message}");
        }
    }

    // Fully optimised from the first call: a start-up load parses thousands of captures before tiered
    // compilation would get to it (bench/README.md measured the parser 4 times slower until then).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CaptureParseResult ParseCore(string fileName, ReadOnlySpan<byte> bytes, DateTimeOffset lastWrite, StringPool? pool)
    {
        // "Files": the file name without its extension is the id.
        var id = fileName.EndsWith(CaptureFiles.Extension, StringComparison.Ordinal) ? CaptureFiles.IdOf(fileName) : fileName;
        if (!CaptureFiles.IsValidId(id))
        {
            return CaptureParseResult.Reject(fileName,
                $"file name is not a safe id: use only letters, digits, '-', '_' and '.', at most {CaptureFiles.MaxIdLength} characters before .txt");
        }

        // "Encoding: UTF-8, with or without a byte-order mark."
        if (bytes.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            return CaptureParseResult.Reject(fileName, $"is not valid UTF-8 (bad byte at offset {ex.Index}); save it as UTF-8");
        }

        // "Line ends: LF, CRLF or CR."
        var lines = SplitLines(text);

        var frontMatter = new FrontMatter();
        var bodyStart = 0;
        if (lines.Count > 0 && lines[0].TrimEnd() == "---")
        {
            var close = lines.FindIndex(1, l => l.TrimEnd() == "---");
            if (close < 0)
            {
                return CaptureParseResult.Reject(fileName, "front matter opened by '---' on line 1 is never closed by a second '---' line");
            }

            for (var i = 1; i < close; i++)
            {
                var error = frontMatter.Add(lines[i], i + 1);
                if (error is not null)
                {
                    return CaptureParseResult.Reject(fileName, error);
                }
            }

            bodyStart = close + 1;
        }

        // "Body": the non-blank lines in order, trimmed, runs of white space folded to one space.
        var body = new List<string>(lines.Count - bodyStart);
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var folded = Fold(lines[i]);
            if (folded.Length > 0)
            {
                body.Add(folded);
            }
        }

        // 6. Recent Posts: the last line "Recent Posts" (case-insensitive) starts the sidebar.
        var sidebarAt = body.FindLastIndex(l => l.Equals("Recent Posts", StringComparison.OrdinalIgnoreCase));
        var content = sidebarAt < 0 ? body : body.GetRange(0, sidebarAt);
        var recentPosts = sidebarAt < 0 ? [] : ReadRecentPosts(body, sidebarAt + 1, pool);

        if (content.Count == 0)
        {
            return CaptureParseResult.Reject(fileName, "is empty: a capture needs a section line, a title line and at least one paragraph");
        }

        // 1. Line 1: the section label, at most 60 characters.
        if (content[0].Length > MaxSectionLength)
        {
            return CaptureParseResult.Reject(fileName,
                $"first line is {content[0].Length} characters, over the {MaxSectionLength} a section label may have; is the section line missing?");
        }

        if (content.Count < 3)
        {
            return CaptureParseResult.Reject(fileName,
                $"has {content.Count} content line(s): a capture needs a section line, a title line and at least one paragraph");
        }

        var section = content[0];
        var title = content[1];
        var rest = content.GetRange(2, content.Count - 2);

        // 5. Page furniture: "Share", and "Published by" followed by the author name line, are dropped.
        string? publishedBy = null;
        for (var i = 0; i < rest.Count; i++)
        {
            if (rest[i].Equals("Share", StringComparison.OrdinalIgnoreCase))
            {
                rest.RemoveAt(i--);
            }
            else if (rest[i].Equals("Published by", StringComparison.OrdinalIgnoreCase) && i + 1 < rest.Count)
            {
                publishedBy = rest[i + 1];
                rest.RemoveRange(i--, 2);
            }
        }

        // 4. The byline block right after the last paragraph: a short name line, then a bio containing it.
        string? author = null, authorBio = null;
        if (rest.Count >= 3 && IsBylineName(rest[^2]) && rest[^1].Contains(rest[^2], StringComparison.OrdinalIgnoreCase))
        {
            author = rest[^2];
            authorBio = rest[^1];
            rest.RemoveRange(rest.Count - 2, 2);
        }

        if (rest.Count == 0)
        {
            return CaptureParseResult.Reject(fileName, "has no paragraph after the section and title lines");
        }

        // Front matter overrides what the body says.
        section = frontMatter.Section ?? section;
        if (section.Length > MaxSectionLength)
        {
            return CaptureParseResult.Reject(fileName, $"front matter 'section' is {section.Length} characters, over {MaxSectionLength}");
        }

        var captured = frontMatter.Captured ?? lastWrite;
        var published = frontMatter.Published ?? frontMatter.Captured ?? lastWrite;
        var updated = frontMatter.Updated ?? published;

        section = Share(pool, section);
        var article = new Article(
            Id: id,
            Section: section,
            SectionSlug: SectionSlugs.From(section),
            Title: frontMatter.Title ?? title,
            Summary: rest[0],
            Paragraphs: [.. rest],
            Author: Share(pool, frontMatter.Author ?? author ?? publishedBy),
            AuthorBio: Share(pool, authorBio),
            Url: frontMatter.Url,
            Published: published,
            Updated: updated,
            Captured: captured,
            Image: frontMatter.Image,
            Tags: frontMatter.Tags,
            RecentPosts: recentPosts);
        return CaptureParseResult.Success(article);
    }

    /// <summary>
    /// 6. Each post is a title line, zero or more excerpt lines, and a relative-time line; lines after
    /// the last relative time are dropped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImmutableArray<RecentPost> ReadRecentPosts(List<string> body, int start, StringPool? pool)
    {
        var posts = ImmutableArray.CreateBuilder<RecentPost>();
        var pending = start;
        for (var i = start; i < body.Count; i++)
        {
            // A line is a post's time only when a title precedes it; a lone time line is not a post.
            if (i > pending && RelativeTime.TryRead(body[i], out var reading))
            {
                var excerpt = i - pending > 1 ? string.Join(' ', body.GetRange(pending + 1, i - pending - 1)) : null;
                posts.Add(new RecentPost(Share(pool, body[pending]), Share(pool, excerpt), Share(pool, body[i]), reading.OffsetSeconds, reading.UncertaintySeconds));
                pending = i + 1;
            }
        }

        return posts.ToImmutable();
    }

    /// <summary>4. An author name line: at most 80 characters and 8 words, not ending in . ! ? or :.</summary>
    private static bool IsBylineName(string line) =>
        line.Length <= MaxAuthorLength
        && line.Split(' ').Length <= MaxAuthorWords
        && line[^1] is not ('.' or '!' or '?' or ':');

    [return: NotNullIfNotNull(nameof(value))]
    private static string? Share(StringPool? pool, string? value) => pool is null ? value : pool.InternOrNull(value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    /// <summary>Trims the line and folds each run of white space to one space.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string Fold(string line)
    {
        var span = line.AsSpan().Trim();
        if (span.Length == 0)
        {
            return string.Empty;
        }

        var needsFolding = false;
        for (var i = 0; i < span.Length; i++)
        {
            if (char.IsWhiteSpace(span[i]) && (span[i] != ' ' || (i + 1 < span.Length && char.IsWhiteSpace(span[i + 1]))))
            {
                needsFolding = true;
                break;
            }
        }

        if (!needsFolding)
        {
            return span.Length == line.Length ? line : span.ToString();
        }

        var sb = new StringBuilder(span.Length);
        var inSpace = false;
        foreach (var c in span)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }

        return sb.ToString();
    }

    /// <summary>The optional header between two <c>---</c> lines, one <c>key: value</c> a line.</summary>
    private sealed class FrontMatter
    {
        public string? Url { get; private set; }
        public DateTimeOffset? Published { get; private set; }
        public DateTimeOffset? Updated { get; private set; }
        public DateTimeOffset? Captured { get; private set; }
        public string? Section { get; private set; }
        public string? Title { get; private set; }
        public string? Author { get; private set; }
        public string? Image { get; private set; }
        public ImmutableArray<string> Tags { get; private set; } = [];

        /// <summary>Takes one header line; returns an error naming the key or line, or null.</summary>
        public string? Add(string line, int lineNumber)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return null;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                return $"front matter line {lineNumber} is not 'key: value'";
            }

            var key = line[..colon].Trim().ToLowerInvariant();
            var value = Fold(line[(colon + 1)..]);
            var empty = value.Length == 0;
            switch (key)
            {
                case "url":
                case "image":
                    if (empty)
                    {
                        return null;
                    }

                    if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    {
                        return $"front matter '{key}' is not an absolute http(s) URL: '{Shorten(value)}'";
                    }

                    if (key == "url")
                    {
                        Url = uri.AbsoluteUri;
                    }
                    else
                    {
                        Image = uri.AbsoluteUri;
                    }

                    return null;
                case "published":
                case "updated":
                case "captured":
                    if (empty)
                    {
                        return null;
                    }

                    if (!TryParseIsoDate(value, out var date))
                    {
                        return $"front matter '{key}' is not an ISO 8601 date-time (e.g. 2024-05-05T10:30:00Z): '{Shorten(value)}'";
                    }

                    _ = key switch
                    {
                        "published" => Published = date,
                        "updated" => Updated = date,
                        _ => Captured = date,
                    };
                    return null;
                case "section":
                    Section = empty ? null : value;
                    return null;
                case "title":
                    Title = empty ? null : value;
                    return null;
                case "author":
                    Author = empty ? null : value;
                    return null;
                case "tags":
                    Tags = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
                    return null;
                default:
                    return null; // unknown keys are kept and ignored
            }
        }

        private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
    }

    /// <summary>ISO 8601 only (never a culture's <c>03/05/2024</c>); no offset means UTC.</summary>
    internal static bool TryParseIsoDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
}
