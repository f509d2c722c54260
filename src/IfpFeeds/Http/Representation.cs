using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
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
    {
        Identity = identity;
        ExpiresAt = expiresAt;
        ContentType = contentType;
        Version = version;
        LastModified = ConditionalGet.TruncateToSeconds(lastModified);
        LastModifiedHeader = HeaderUtilities.FormatDate(LastModified);

        var hash = Convert.ToHexStringLower(SHA256.HashData(identity).AsSpan(0, 16));
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

    public byte[] Identity { get; }

    /// <summary>The endpoint result that serves this representation: one per representation, reused.</summary>
    public RepresentationResult Result => _result ??= new RepresentationResult(this);

    public byte[]? Gzip { get; }

    public byte[]? Brotli { get; }

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

    public (byte[] Body, string ETag, string? Encoding) For(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli when Brotli is not null => (Brotli, ETagBrotli, "br"),
        ContentCoding.Gzip when Gzip is not null => (Gzip, ETagGzip, "gzip"),
        _ => (Identity, ETagIdentity, null),
    };

    internal static byte[] CompressGzip(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 4 + 64);
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    internal static byte[] CompressBrotli(byte[] data)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(data.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(data, buffer, out var written, BrotliQuality, BrotliWindow))
            {
                throw new InvalidOperationException("brotli compression failed");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[]? Shrinks(byte[] compressed, byte[] identity) => compressed.Length < identity.Length ? compressed : null;
}
