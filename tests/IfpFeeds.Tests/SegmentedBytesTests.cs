using System.IO.Compression;
using System.IO.Pipelines;
using System.Security.Cryptography;
using IfpFeeds.Caching;
using IfpFeeds.Http;

namespace IfpFeeds.Tests;

/// <summary>
/// <see cref="SegmentedBytes"/> keeps every body below the large-object threshold, and a
/// <see cref="Representation"/> built on it hashes and compresses across segment boundaries exactly as
/// over one array.
/// </summary>
public sealed class SegmentedBytesTests
{
    private static readonly SlabPool Pool = new(maxFree: 64);

    // Empty, one byte, exactly one segment, one byte over, several segments and a ragged tail.
    public static TheoryData<int> Sizes => [0, 1, SlabPool.SlabSize - 1, SlabPool.SlabSize, SlabPool.SlabSize + 1, 3 * SlabPool.SlabSize, 460_123];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void CopyKeepsEveryByteInSegmentsBelowTheLargeObjectThreshold(int size)
    {
        var data = Data(size);
        var body = SegmentedBytes.Copy(data, Pool);

        Assert.Equal(size, body.Length);
        Assert.Equal(data, body.ToArray());
        var segments = Enumerable.Range(0, body.SegmentCount).Select(i => body.Segment(i)).ToArray();
        Assert.Equal((size + SlabPool.SlabSize - 1) / SlabPool.SlabSize, segments.Length);
        Assert.All(segments, s => Assert.InRange(s.Length, 1, SlabPool.SlabSize));
        Assert.All(segments.SkipLast(1), s => Assert.Equal(SlabPool.SlabSize, s.Length));
        // Full slabs, and a tail under half a slab at its exact size.
        var tail = size % SlabPool.SlabSize;
        var expectedAllocated = size == 0 ? 0 : (size / SlabPool.SlabSize * (long)SlabPool.SlabSize) + (tail == 0 ? 0 : tail < SlabPool.SlabSize / 2 ? tail : SlabPool.SlabSize);
        Assert.Equal(expectedAllocated, body.Allocated);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheHashIsSha256OfTheWholeContent(int size)
    {
        var data = Data(size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data).AsSpan(0, 16)), SegmentedBytes.Copy(data, Pool).Hash128Hex());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task WriteToAsyncWritesTheSegmentsInOrder(int size)
    {
        var data = Data(size);
        using var stream = new MemoryStream();
        var writer = PipeWriter.Create(stream);
        await SegmentedBytes.Copy(data, Pool).WriteToAsync(writer);
        await writer.CompleteAsync();
        Assert.Equal(data, stream.ToArray());
    }

    [Fact]
    public void ReturnedSlabsAreReusedAndThePoolKeepsAtMostMaxFree()
    {
        var pool = new SlabPool(maxFree: 2);
        var body = SegmentedBytes.Copy(Data(3 * SlabPool.SlabSize), pool);
        var first = body.Segment(0);
        Assert.Equal(0, pool.FreeCount);

        body.ReturnSlabs();
        Assert.Equal(2, pool.FreeCount); // the third slab was left to the garbage collector

        Assert.Equal(10, SegmentedBytes.Copy(Data(10), pool).Allocated); // a small body takes no slab
        Assert.Equal(2, pool.FreeCount);

        var again = SegmentedBytes.Copy(Data(10_000), pool);
        Assert.Equal(1, pool.FreeCount);
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first, out var a));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(again.Segment(0), out var b));
        Assert.Same(a.Array, b.Array);
    }

    [Fact]
    public void ARepresentationReturnsItsSlabsWhenTheLastReferenceGoesAndNotBefore()
    {
        var pool = new SlabPool(maxFree: 100);
        var representation = new Representation(SegmentedBytes.Copy(Text(100_000), pool), "text/plain", DateTimeOffset.UnixEpoch, 1);
        var slabs = (representation.Identity.Allocated + representation.Gzip!.Allocated + representation.Brotli!.Allocated) / SlabPool.SlabSize;

        Assert.True(representation.TryAcquire()); // a request's
        representation.Release(); // the creator's
        Assert.True(representation.IsLive);
        Assert.Equal(0, pool.FreeCount);
        Assert.Equal(Text(100_000), representation.Identity.ToArray()); // still intact

        representation.Release(); // the request's: the last
        Assert.False(representation.IsLive);
        Assert.False(representation.TryAcquire());
        Assert.Equal(slabs, pool.FreeCount);
        Assert.Throws<InvalidOperationException>(representation.Release);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(SlabPool.SlabSize)]
    [InlineData(460_123)]
    public void GzipAndBrotliOverSegmentsDecompressToTheIdentityBytes(int size)
    {
        var data = Text(size);
        var representation = new Representation(SegmentedBytes.Copy(data, Pool), "text/plain", DateTimeOffset.UnixEpoch, 1);

        Assert.NotNull(representation.Gzip);
        Assert.NotNull(representation.Brotli);
        Assert.Equal(data, HttpCachingTests.Decompress(new GZipStream(new MemoryStream(representation.Gzip.ToArray()), CompressionMode.Decompress)));
        Assert.Equal(data, HttpCachingTests.Decompress(new BrotliStream(new MemoryStream(representation.Brotli.ToArray()), CompressionMode.Decompress)));
        Assert.True(representation.Gzip.Length < size / 2 && representation.Brotli.Length < size / 2);
    }

    [Fact]
    public void TheEtagDoesNotDependOnHowTheBytesWereSplit()
    {
        var data = Text(200_000);
        var whole = new Representation(data, "text/plain", DateTimeOffset.UnixEpoch, 1);
        var split = new Representation(SegmentedBytes.Copy(data, Pool), "text/plain", DateTimeOffset.UnixEpoch, 1);
        Assert.Equal(whole.ETagIdentity, split.ETagIdentity);
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(data).AsSpan(0, 16))}\"", whole.ETagIdentity);
    }

    private static byte[] Data(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        return data;
    }

    // Compressible text, like a feed.
    private static byte[] Text(int size)
    {
        var words = "<p>Iran and Azerbaijan stress ties &amp; trade, officials say.</p>\n"u8;
        var data = new byte[size];
        for (var i = 0; i < size; i++)
        {
            data[i] = words[(i * 7 / 5) % words.Length];
        }

        return data;
    }
}
