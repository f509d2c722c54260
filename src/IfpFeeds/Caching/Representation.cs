using System.Buffers;
using System.IO.Compression;
using IfpFeeds.Http;
using Microsoft.Net.Http.Headers;

namespace IfpFeeds.Caching;

/// <summary>
/// One rendered response body kept ready to serve: its identity, gzip and brotli bytes (each computed
/// once), strong ETags derived from a hash of the bytes (the same across restarts and instances, a
/// distinct tag per coding, RFC 9110 §8.8.3.3), and Last-Modified, all as ready-made header values.
/// </summary>
/// <remarks>
/// <para>The bodies live in <see cref="SlabPool"/> slabs, recycled when the representation is released, so
/// it is reference-counted. It starts with one reference, its creator's. Whoever serves it takes one with
/// <see cref="TryAcquire"/> (false once the count has reached zero: the bytes are gone, render again) and
/// hands it to its <see cref="RepresentationResult"/>, whose execution releases it. The cache holds one reference while the
/// entry is stored and releases it on eviction. When the last reference goes, the slabs return to the pool.</para>
/// <para>A representation that is never released (one made outside the cache, a reference lost to an
/// aborted request) is simply collected with its slabs: nothing leaks, only the recycling is missed.</para>
/// </remarks>
public sealed class Representation
{
    /// <summary>Compression levels chosen so a 50-item feed compresses in a few milliseconds (see bench/).</summary>
    public const int GzipLevel = 6, BrotliQuality = 5;

    /// <summary>Brotli's window (log2 of its bytes), RFC 7932 §9.1: 16 to 22 here (22 is the encoder's default).</summary>
    public const int MinBrotliWindow = 16, MaxBrotliWindow = 22;

    private readonly string[] _etags;
    private RepresentationResult? _result;
    private int _references = 1;

    public Representation(byte[] identity, string contentType, DateTimeOffset? lastModified, long version, bool compress = true, DateTimeOffset? expiresAt = null)
        : this(SegmentedBytes.Copy(identity, SlabPool.Shared), contentType, lastModified, version, compress, expiresAt)
    {
    }

    public Representation(SegmentedBytes identity, string contentType, DateTimeOffset? lastModified, long version, bool compress = true, DateTimeOffset? expiresAt = null,
        string? link = null, string? surrogateKey = null)
    {
        Identity = identity;
        ExpiresAt = expiresAt;
        LinkHeader = link;
        SurrogateKey = surrogateKey;
        ContentType = contentType;
        Version = version;
        if (lastModified is { } modified)
        {
            LastModified = ConditionalGet.TruncateToSeconds(modified);
            LastModifiedHeader = HeaderUtilities.FormatDate(LastModified.Value);
        }

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

    /// <summary>A representation from a fleet's shared bytes (<see cref="ISharedRepresentations"/>): copied into slabs, not compressed again.</summary>
    public Representation(SharedBody shared, string contentType, long version, string? surrogateKey)
        : this(SegmentedBytes.Copy(shared.Identity, SlabPool.Shared), contentType, shared.LastModified, version, compress: false, shared.ExpiresAt, shared.Link,
            surrogateKey)
    {
        Gzip = shared.Gzip is { } gzip ? SegmentedBytes.Copy(gzip, SlabPool.Shared) : null;
        Brotli = shared.Brotli is { } brotli ? SegmentedBytes.Copy(brotli, SlabPool.Shared) : null;
    }

    public SegmentedBytes Identity { get; }

    /// <summary>The bytes and header sources as a fleet shares them.</summary>
    public SharedBody ToShared() => new(Identity.ToArray(), Gzip?.ToArray(), Brotli?.ToArray(), LastModified, ExpiresAt, LinkHeader);

    /// <summary>
    /// The endpoint result that serves this representation: one per representation, made by the cache that
    /// holds it and reused. Executing it releases one reference, which the code handing it out must have
    /// taken (<see cref="TryAcquire"/>).
    /// </summary>
    internal RepresentationResult ResultFor(CacheControlHeaders cacheControl, CacheMetrics metrics) => _result ??= new RepresentationResult(this, cacheControl, metrics);

    /// <summary>Whether the bytes are still held (the reference count is above zero).</summary>
    public bool IsLive => Volatile.Read(ref _references) > 0;

    /// <summary>Takes a reference for the caller, unless the bytes are already gone.</summary>
    public bool TryAcquire()
    {
        var seen = Volatile.Read(ref _references);
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _references, seen + 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }

    /// <summary>Gives back a reference; the last one returns the bodies' slabs to their pool.</summary>
    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            Identity.ReturnSlabs();
            Gzip?.ReturnSlabs();
            Brotli?.ReturnSlabs();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException("Representation released more often than acquired.");
        }
    }

    public SegmentedBytes? Gzip { get; }

    public SegmentedBytes? Brotli { get; }

    /// <summary>The Content-Type header value.</summary>
    public string ContentType { get; }

    /// <summary>The version of the content this was rendered from (see <see cref="RepresentationCache"/>).</summary>
    /// <remarks>Entries are looked up with the current version and served only when it matches.</remarks>
    public long Version { get; }

    /// <summary>When what it shows last changed, in whole seconds; null when nothing dates it (no <c>Last-Modified</c>).</summary>
    public DateTimeOffset? LastModified { get; }

    /// <summary>
    /// For content that depends on the clock (the digest's relative labels): the instant it stops being
    /// true. The cache drops it then, and Cache-Control's max-age counts down to it.
    /// </summary>
    public DateTimeOffset? ExpiresAt { get; }

    public string? LastModifiedHeader { get; }

    /// <summary>
    /// What a CDN purges this by: the name of what it shows (its cache dependency, escaped for a header), sent as
    /// <c>Surrogate-Key</c> (Fastly, Varnish) and <c>Cache-Tag</c> (Cloudflare, Akamai); null: none.
    /// </summary>
    public string? SurrogateKey { get; }

    /// <summary>A <c>Link</c> header (RFC 8288) the resource carries on every answer, 304 and HEAD included; null: none.</summary>
    public string? LinkHeader { get; }

    public string ETagIdentity { get; }

    public string ETagGzip { get; }

    public string ETagBrotli { get; }

    /// <summary>Every tag of this representation: any of them in If-None-Match validates.</summary>
    public ReadOnlySpan<string> ETags => _etags;

    /// <summary>The memory this entry holds (its slabs and small tails, plus the object and its headers), for the cache's size limit.</summary>
    public long Size => Identity.Allocated + (Gzip?.Allocated ?? 0) + (Brotli?.Allocated ?? 0) + 512;

    public (SegmentedBytes Body, string ETag, string? Encoding) For(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli when Brotli is not null => (Brotli, ETagBrotli, "br"),
        ContentCoding.Gzip when Gzip is not null => (Gzip, ETagGzip, "gzip"),
        _ => (Identity, ETagIdentity, null),
    };

    internal static SegmentedBytes CompressGzip(SegmentedBytes data)
    {
        using var output = CompressionOutput(data);
        using (var gzip = new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = GzipLevel }, leaveOpen: true))
        {
            for (var i = 0; i < data.SegmentCount; i++)
            {
                gzip.Write(data.Segment(i).Span);
            }
        }

        return output.ToSegmented(data.Pool);
    }

    internal static SegmentedBytes CompressBrotli(SegmentedBytes data)
    {
        using var output = CompressionOutput(data);
        var encoder = new BrotliEncoder(BrotliQuality, BrotliWindowFor(data.Length)); // a mutable struct: passed by ref, disposed here
        try
        {
            for (var i = 0; i < data.SegmentCount; i++)
            {
                Compress(ref encoder, data.Segment(i).Span, output, final: i == data.SegmentCount - 1);
            }

            if (data.SegmentCount == 0)
            {
                Compress(ref encoder, [], output, final: true);
            }
        }
        finally
        {
            encoder.Dispose();
        }

        return output.ToSegmented(data.Pool);
    }

    /// <summary>A buffer sized for a feed compressed about 4:1; it grows if the body compresses less.</summary>
    private static PooledBuffer CompressionOutput(SegmentedBytes data) => new((int)Math.Min(data.Length / 4 + 64, int.MaxValue));

    /// <summary>
    /// The smallest window that holds the whole body: the same compression as a larger one, and the encoder's
    /// native buffers (the ring buffer is the window's size) stay small: 128 KiB for a 50-item feed, not 4 MiB.
    /// </summary>
    internal static int BrotliWindowFor(long length)
    {
        var window = MinBrotliWindow;
        while (window < MaxBrotliWindow && (1L << window) - 16 < length)
        {
            window++;
        }

        return window;
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

    private static SegmentedBytes? Shrinks(SegmentedBytes compressed, SegmentedBytes identity)
    {
        if (compressed.Length < identity.Length)
        {
            return compressed;
        }

        compressed.ReturnSlabs();
        return null;
    }
}
