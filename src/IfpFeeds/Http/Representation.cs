using System.Buffers;
using System.IO.Compression;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Http;

/// <summary>
/// One rendered response body kept ready to serve: its identity, gzip and brotli bytes (each computed
/// once), strong ETags derived from a hash of the bytes (the same across restarts and instances, a
/// distinct tag per coding, RFC 9110 §8.8.3.3), and Last-Modified, all as ready-made header values.
/// </summary>
public sealed class Representation
{
    /// <summary>Compression levels chosen so a 50-item feed compresses in a few milliseconds (see bench/).</summary>
    public const int GzipLevel = 6, BrotliQuality = 5, BrotliWindow = 22;

    private readonly string[] _etags;
    private RepresentationResult? _result;

    public Representation(byte[] identity, string contentType, DateTimeOffset lastModified, long version, bool compress = true, DateTimeOffset? expiresAt = null)
        : this(SegmentedBytes.From(identity), contentType, lastModified, version, compress, expiresAt)
    {
    }

    public Representation(SegmentedBytes identity, string contentType, DateTimeOffset lastModified, long version, bool compress = true, DateTimeOffset? expiresAt = null)
    {
        Identity = identity;
        ExpiresAt = expiresAt;
        ContentType = contentType;
        Version = version;
        LastModified = ConditionalGet.TruncateToSeconds(lastModified);
        LastModifiedHeader = HeaderUtilities.FormatDate(LastModified);

        var hash = identity.Hash128Hex();
        ETagIdentity = $"\"{hash}\"";
        ETagGzip = $"\"{hash}-gz\"";
        ETagBrotli = $"\"{hash}-br\"";
        _etags = [ETagIdentity, ETagGzip, ETagBrotli];

        if (compress)
        {
            // Compressing a tiny body only adds bytes: keep such ones identity-only.
            Gzip = Shrinks(CompressGzip(identity), identity);
            Brotli = Shrinks(CompressBrotli(identity), identity);
        }
    }

    public SegmentedBytes Identity { get; }

    /// <summary>The endpoint result that serves this representation: one per representation, reused.</summary>
    public RepresentationResult Result => _result ??= new RepresentationResult(this);

    public SegmentedBytes? Gzip { get; }

    public SegmentedBytes? Brotli { get; }

    /// <summary>The Content-Type header value.</summary>
    public string ContentType { get; }

    /// <summary>The version of the content this was rendered from (see <see cref="RepresentationCache"/>).</summary>
    /// <remarks>Entries are looked up with the current version and served only when it matches.</remarks>
    public long Version { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>
    /// For content that depends on the clock (the digest's relative labels): the instant it stops being
    /// true. The cache drops it then, and Cache-Control's max-age counts down to it.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; }

    public string LastModifiedHeader { get; }

    public string ETagIdentity { get; }

    public string ETagGzip { get; }

    public string ETagBrotli { get; }

    /// <summary>Every tag of this representation: any of them in If-None-Match validates.</summary>
    public ReadOnlySpan<string> ETags => _etags;

    /// <summary>The bytes this entry holds, for the cache's size limit.</summary>
    public long Size => Identity.Length + (Gzip?.Length ?? 0) + (Brotli?.Length ?? 0) + 512;

    public (SegmentedBytes Body, string ETag, string? Encoding) For(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli when Brotli is not null => (Brotli, ETagBrotli, "br"),
        ContentCoding.Gzip when Gzip is not null => (Gzip, ETagGzip, "gzip"),
        _ => (Identity, ETagIdentity, null),
    };

    internal static SegmentedBytes CompressGzip(SegmentedBytes data)
    {
        using var output = new PooledBuffer((int)Math.Min(data.Length / 4 + 64, int.MaxValue));
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true))
        {
            foreach (var segment in data.Segments)
            {
                gzip.Write(segment);
            }
        }

        return output.ToSegmented();
    }

    internal static SegmentedBytes CompressBrotli(SegmentedBytes data)
    {
        using var output = new PooledBuffer((int)Math.Min(data.Length / 4 + 64, int.MaxValue));
        var encoder = new BrotliEncoder(BrotliQuality, BrotliWindow); // a mutable struct: passed by ref, disposed here
        try
        {
            var segments = data.Segments;
            for (var i = 0; i < segments.Length; i++)
            {
                Compress(ref encoder, segments[i], output, final: i == segments.Length - 1);
            }

            if (segments.IsEmpty)
            {
                Compress(ref encoder, [], output, final: true);
            }
        }
        finally
        {
            encoder.Dispose();
        }

        return output.ToSegmented();
    }

    private static void Compress(ref BrotliEncoder encoder, ReadOnlySpan<byte> source, PooledBuffer output, bool final)
    {
        while (true)
        {
            var status = encoder.Compress(source, output.GetSpan(Math.Max(source.Length / 2, 4096)), out var consumed, out var written, final);
            output.Advance(written);
            source = source[consumed..];
            switch (status)
            {
                case OperationStatus.Done when source.IsEmpty:
                    return;
                case OperationStatus.Done or OperationStatus.DestinationTooSmall:
                    continue;
                default:
                    throw new InvalidOperationException($"brotli compression failed: {status}");
            }
        }
    }

    private static SegmentedBytes? Shrinks(SegmentedBytes compressed, SegmentedBytes identity) => compressed.Length < identity.Length ? compressed : null;
}
