using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IfpFeeds.Captures;

/// <summary>
/// Parses one capture, exactly as ARTICLE-FORMAT.md says: a pure function of the file name, its bytes
/// and the dates it takes where its front matter is silent. It never throws on any bytes: the answer is an <see cref="Article"/> or a
/// <see cref="CaptureRejection"/> naming the file and the reason.
/// </summary>
public static class CaptureParser
{
    /// <summary>Line 1 (the section label) may be at most this long.</summary>
    public const int MaxSectionLength = 60;

    /// <summary>How a rejection for an internal error (a defect, never a rule of the format) begins.</summary>
    public const string InternalErrorReason = "could not be parsed:";

    /// <summary>The byline's author name line: at most this many characters and words.</summary>
    public const int MaxAuthorLength = 80, MaxAuthorWords = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the capture <paramref name="fileName"/> (a bare file name, e.g. <c>000_b921.txt</c>).</summary>
    /// <param name="pool">Where repeated strings are shared (the store's); the parse is the same without it.</param>
    /// <param name="lastWrite">The file's last-write time: the capture's dates where front matter gives none.</param>
    public static CaptureParseResult Parse(string fileName, ReadOnlySpan<byte> bytes, DateTimeOffset lastWrite, StringPool? pool = null) =>
        Parse(fileName, bytes, CaptureDates.At(lastWrite), pool);

    /// <summary>Parses the capture <paramref name="fileName"/>, dated by <paramref name="dates"/> where front matter is silent.</summary>
    /// <param name="pool">Where repeated strings are shared (the store's); the parse is the same without it.</param>
    public static CaptureParseResult Parse(string fileName, ReadOnlySpan<byte> bytes, CaptureDates dates, StringPool? pool = null)
    {
        try
        {
            return ParseCore(fileName, bytes, dates.ToWholeSeconds(), pool);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defence in depth: no capture may take the service down, whatever it holds.
            return CaptureParseResult.Reject(fileName, $"{InternalErrorReason} {ex.Message}");
        }
    }

    // Fully optimised from the first call: a start-up load parses thousands of captures before tiered
    // compilation would get to it (bench/README.md, "Parser benchmarks").
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CaptureParseResult ParseCore(string fileName, ReadOnlySpan<byte> bytes, CaptureDates dates, StringPool? pool)
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

        // Decoded into a rented buffer: only the lines kept become strings (the text itself would be one more copy).
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(bytes.Length, 1));
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetChars(bytes, buffer);
            }
            catch (DecoderFallbackException ex)
            {
                return CaptureParseResult.Reject(fileName, $"is not valid UTF-8 (bad byte at offset {ex.Index}); save it as UTF-8");
            }

            var scratch = ParseScratch.Take();
            try
            {
                return ParseText(fileName, id, buffer.AsSpan(0, length), bytes, dates, pool, scratch);
            }
            finally
            {
                scratch.Release();
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static CaptureParseResult ParseText(string fileName, string id, ReadOnlySpan<char> text, ReadOnlySpan<byte> bytes, CaptureDates dates,
        StringPool? pool, ParseScratch scratch)
    {
        // "Line ends: LF, CRLF or CR."
        var lines = scratch.Lines;
        CaptureLines.Split(text, lines);

        var frontMatter = new FrontMatter();
        var bodyStart = 0;
        if (lines.Count > 0 && IsDashes(text[lines[0]]))
        {
            var close = 1;
            while (close < lines.Count && !IsDashes(text[lines[close]]))
            {
                close++;
            }

            if (close == lines.Count)
            {
                return CaptureParseResult.Reject(fileName, "front matter opened by '---' on line 1 is never closed by a second '---' line");
            }

            for (var i = 1; i < close; i++)
            {
                var error = frontMatter.Add(new string(text[lines[i]]), i + 1);
                if (error is not null)
                {
                    return CaptureParseResult.Reject(fileName, error);
                }
            }

            bodyStart = close + 1;
        }

        // "Body": the non-blank lines in order, trimmed, runs of white space folded to one space.
        var body = scratch.Body;
        for (var i = bodyStart; i < lines.Count; i++)
        {
            var folded = CaptureLines.Fold(text[lines[i]]);
            if (folded.Length > 0)
            {
                body.Add(folded);
            }
        }

        // 6. Recent Posts: the last line "Recent Posts" (case-insensitive) starts the sidebar.
        var sidebarAt = body.Count - 1;
        while (sidebarAt >= 0 && !body[sidebarAt].Equals("Recent Posts", StringComparison.OrdinalIgnoreCase))
        {
            sidebarAt--;
        }

        var contentCount = sidebarAt < 0 ? body.Count : sidebarAt;
        var recentPosts = sidebarAt < 0 ? [] : ReadRecentPosts(body, sidebarAt + 1, pool);

        if (contentCount == 0)
        {
            return CaptureParseResult.Reject(fileName, "is empty: a capture needs a section line, a title line and at least one paragraph");
        }

        // 1. Line 1: the section label, at most 60 characters.
        if (body[0].Length > MaxSectionLength)
        {
            return CaptureParseResult.Reject(fileName,
                $"first line is {body[0].Length} characters, over the {MaxSectionLength} a section label may have; is the section line missing?");
        }

        if (contentCount < 3)
        {
            return CaptureParseResult.Reject(fileName,
                $"has {contentCount} content line(s): a capture needs a section line, a title line and at least one paragraph");
        }

        var section = body[0];
        var title = body[1];
        var rest = body.GetRange(2, contentCount - 2);

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

        // ARTICLE-FORMAT.md, "Dates": front matter wins; else the first sight, and the first sight of this content.
        var captured = frontMatter.Captured ?? dates.FirstSeen;
        var published = frontMatter.Published ?? frontMatter.Captured ?? dates.FirstSeen;
        var updated = frontMatter.Updated ?? (dates.ContentChanged > dates.FirstSeen && dates.ContentChanged > published ? dates.ContentChanged : published);

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
            RecentPosts: recentPosts)
        {
            Fingerprint = FingerprintOf(scratch.Fingerprint, fileName, bytes, dates),
        };
        return CaptureParseResult.Success(article);
    }

    /// <summary>What an article is parsed from, hashed: the file name, the bytes, and the dates front matter may fall back on.</summary>
    private static ulong FingerprintOf(System.IO.Hashing.XxHash3 hash, string fileName, ReadOnlySpan<byte> bytes, CaptureDates dates)
    {
        hash.Append(MemoryMarshal.AsBytes(fileName.AsSpan()));
        hash.Append(bytes);
        Span<byte> ticks = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(ticks, dates.FirstSeen.UtcTicks);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(ticks[8..], dates.ContentChanged.UtcTicks);
        hash.Append(ticks);
        return hash.GetCurrentHashAsUInt64();
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
                var excerpt = i - pending > 1 ? string.Join(' ', CollectionsMarshal.AsSpan(body).Slice(pending + 1, i - pending - 1)) : null;
                posts.Add(new RecentPost(Share(pool, body[pending]), Share(pool, excerpt), Share(pool, body[i]), reading.OffsetSeconds, reading.UncertaintySeconds));
                pending = i + 1;
            }
        }

        return posts.ToImmutable();
    }

    /// <summary>A front matter fence: <c>---</c>, trailing white space allowed.</summary>
    private static bool IsDashes(ReadOnlySpan<char> line) => line.TrimEnd().SequenceEqual("---");

    /// <summary>4. An author name line: at most 80 characters and 8 words, not ending in . ! ? or :.</summary>
    private static bool IsBylineName(string line) =>
        line.Length <= MaxAuthorLength
        && line.Split(' ').Length <= MaxAuthorWords
        && line[^1] is not ('.' or '!' or '?' or ':');

    [return: NotNullIfNotNull(nameof(value))]
    private static string? Share(StringPool? pool, string? value) => pool is null ? value : pool.InternOrNull(value);
}
