using System.IO.Compression;
using System.Security.Cryptography;
using IfpFeeds.Http;

namespace IfpFeeds.Tests;

/// <summary>
/// <see cref="SegmentedBytes"/> keeps every body below the large-object threshold, and a
/// <see cref="Representation"/> built on it hashes and compresses across segment boundaries exactly as
/// over one array.
/// </summary>
public sealed class SegmentedBytesTests
{
    // Empty, one byte, exactly one segment, one byte over, several segments and a ragged tail.
    public static TheoryData<int> Sizes => [0, 1, SegmentedBytes.SegmentSize - 1, SegmentedBytes.SegmentSize, SegmentedBytes.SegmentSize + 1, 3 * SegmentedBytes.SegmentSize, 460_123];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Copy_keeps_every_byte_in_segments_below_the_large_object_threshold(int size)
    {
        var data = Data(size);
        var body = SegmentedBytes.Copy(data);

        Assert.Equal(size, body.Length);
        Assert.Equal(data, body.ToArray());
        var segments = body.Segments.ToArray();
        Assert.Equal((size + SegmentedBytes.SegmentSize - 1) / SegmentedBytes.SegmentSize, segments.Length);
        Assert.All(segments, s => Assert.InRange(s.Length, 1, SegmentedBytes.SegmentSize));
        Assert.All(segments.SkipLast(1), s => Assert.Equal(SegmentedBytes.SegmentSize, s.Length));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_hash_is_sha256_of_the_whole_content(int size)
    {
        var data = Data(size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data).AsSpan(0, 16)), SegmentedBytes.Copy(data).Hash128Hex());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task WriteToAsync_writes_the_segments_in_order(int size)
    {
        var data = Data(size);
        using var stream = new MemoryStream();
        await SegmentedBytes.Copy(data).WriteToAsync(stream);
        Assert.Equal(data, stream.ToArray());
    }

    [Fact]
    public void From_wraps_a_small_array_without_copying_and_splits_a_large_one()
    {
        var small = Data(100);
        Assert.Same(small, SegmentedBytes.From(small).Segments[0]);

        var large = Data(200_000);
        var body = SegmentedBytes.From(large);
        Assert.Equal(4, body.Segments.Length);
        Assert.Equal(large, body.ToArray());
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(SegmentedBytes.SegmentSize)]
    [InlineData(460_123)]
    public void Gzip_and_brotli_over_segments_decompress_to_the_identity_bytes(int size)
    {
        var data = Text(size);
        var representation = new Representation(SegmentedBytes.Copy(data), "text/plain", DateTimeOffset.UnixEpoch, 1);

        Assert.NotNull(representation.Gzip);
        Assert.NotNull(representation.Brotli);
        Assert.All(representation.Gzip.Segments.ToArray(), s => Assert.True(s.Length <= SegmentedBytes.SegmentSize));
        Assert.Equal(data, Decompress(new GZipStream(new MemoryStream(representation.Gzip.ToArray()), CompressionMode.Decompress)));
        Assert.Equal(data, Decompress(new BrotliStream(new MemoryStream(representation.Brotli.ToArray()), CompressionMode.Decompress)));
        Assert.True(representation.Gzip.Length < size / 2 && representation.Brotli.Length < size / 2);
    }

    [Fact]
    public void The_etag_does_not_depend_on_how_the_bytes_were_split()
    {
        var data = Text(200_000);
        var whole = new Representation(data, "text/plain", DateTimeOffset.UnixEpoch, 1);
        var split = new Representation(SegmentedBytes.Copy(data), "text/plain", DateTimeOffset.UnixEpoch, 1);
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

    private static byte[] Decompress(Stream stream)
    {
        using (stream)
        {
            using var output = new MemoryStream();
            stream.CopyTo(output);
            return output.ToArray();
        }
    }
}
