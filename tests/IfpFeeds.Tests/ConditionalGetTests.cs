using IfpFeeds.Caching;
using IfpFeeds.Http;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Tests;

/// <summary>Table tests of every rule of <see cref="ConditionalGet"/> (RFC 9110 §12.5.3, §13.1.2, §13.1.3).</summary>
public sealed class ConditionalGetTests
{
    private static readonly string[] Tags = ["\"abc\"", "\"abc-gz\"", "\"abc-br\""];
    private static readonly DateTimeOffset LastModified = new(2024, 5, 5, 10, 0, 0, 500, TimeSpan.Zero);

    [Theory]
    [InlineData(null, ContentCoding.Identity)]
    [InlineData("", ContentCoding.Identity)]
    [InlineData("gzip", ContentCoding.Gzip)]
    [InlineData("x-gzip", ContentCoding.Gzip)]
    [InlineData("br", ContentCoding.Brotli)]
    [InlineData("gzip, deflate, br", ContentCoding.Brotli)] // brotli preferred on a tie
    [InlineData("br, gzip", ContentCoding.Brotli)]
    [InlineData("GZIP", ContentCoding.Gzip)]
    [InlineData("gzip;q=1.0, br;q=0.5", ContentCoding.Gzip)] // the client's preference wins
    [InlineData("gzip;q=0.5, br;q=0.8", ContentCoding.Brotli)]
    [InlineData("br;q=0, gzip", ContentCoding.Gzip)] // q=0 refuses
    [InlineData("br;q=0, gzip;q=0", ContentCoding.Identity)]
    [InlineData("*", ContentCoding.Brotli)]
    [InlineData("*;q=0.5, br;q=0", ContentCoding.Gzip)] // "*" stands for what is not named
    [InlineData("*;q=0", ContentCoding.Identity)] // nothing fits: identity
    [InlineData("identity", ContentCoding.Identity)]
    [InlineData("deflate, compress", ContentCoding.Identity)]
    [InlineData("br;q=abc, gzip", ContentCoding.Gzip)] // a malformed q-value drops the item
    [InlineData("br;q=2, gzip", ContentCoding.Gzip)]
    [InlineData(" gzip ; q=0.9 ", ContentCoding.Gzip)]
    [InlineData(";;;,,,", ContentCoding.Identity)]
    public void NegotiatesTheCoding(string? acceptEncoding, ContentCoding expected) =>
        Assert.Equal(expected, ConditionalGet.Negotiate(acceptEncoding is null ? StringValues.Empty : new StringValues(acceptEncoding)));

    [Fact]
    public void SeveralAcceptEncodingHeadersAreOneList() =>
        Assert.Equal(ContentCoding.Brotli, ConditionalGet.Negotiate(new StringValues(["gzip;q=0.5", "br"])));

    [Theory]
    [InlineData("br", true, false, ContentCoding.Identity)]
    [InlineData("gzip, br", true, false, ContentCoding.Gzip)]
    [InlineData("gzip, br", false, false, ContentCoding.Identity)]
    [InlineData("gzip", false, true, ContentCoding.Identity)]
    public void OnlyAvailableCodingsAreChosen(string acceptEncoding, bool gzipAvailable, bool brotliAvailable, ContentCoding expected) =>
        Assert.Equal(expected, ConditionalGet.Negotiate(acceptEncoding, gzipAvailable, brotliAvailable));

    [Theory]
    // If-None-Match: weak comparison, lists, "*", any coding's tag.
    [InlineData("GET", "\"abc\"", null, true)]
    [InlineData("GET", "W/\"abc\"", null, true)]
    [InlineData("GET", "\"abc-gz\"", null, true)]
    [InlineData("GET", "\"abc-br\"", null, true)]
    [InlineData("GET", "\"x\", \"y\", W/\"abc\"", null, true)]
    [InlineData("GET", "\"x\",\"abc-br\"", null, true)]
    [InlineData("GET", "*", null, true)]
    [InlineData("HEAD", "\"abc\"", null, true)]
    [InlineData("GET", "\"other\"", null, false)]
    [InlineData("GET", "abc", null, false)] // not quoted: garbage, ignored
    [InlineData("GET", "\"abc", null, false)]
    [InlineData("GET", "\"ab\"c\"", null, false)]
    [InlineData("GET", "", null, false)]
    [InlineData("POST", "\"abc\"", null, false)] // only GET and HEAD
    // If-Modified-Since: only without If-None-Match, whole seconds, unparseable ignored.
    [InlineData("GET", null, "Sun, 05 May 2024 10:00:00 GMT", true)]
    [InlineData("GET", null, "Sun, 05 May 2024 11:00:00 GMT", true)]
    [InlineData("GET", null, "Sun, 05 May 2024 09:59:59 GMT", false)]
    [InlineData("HEAD", null, "Sun, 05 May 2024 10:00:00 GMT", true)]
    [InlineData("GET", null, "Sunday, 05-May-24 10:00:00 GMT", true)] // RFC 850, obsolete but valid
    [InlineData("GET", null, "Sun May  5 10:00:00 2024", true)] // asctime
    [InlineData("GET", null, "05/05/2024", false)] // not an HTTP-date: ignored
    [InlineData("GET", null, "yesterday", false)]
    [InlineData("POST", null, "Sun, 05 May 2024 10:00:00 GMT", false)]
    [InlineData("GET", "\"other\"", "Sun, 05 May 2024 11:00:00 GMT", false)] // If-None-Match wins
    [InlineData("GET", "\"abc\"", "Sun, 05 May 2024 09:00:00 GMT", true)]
    [InlineData("GET", null, null, false)]
    public void DecidesNotModified(string method, string? ifNoneMatch, string? ifModifiedSince, bool notModified) =>
        Assert.Equal(notModified, ConditionalGet.IsNotModified(
            method,
            ifNoneMatch is null ? StringValues.Empty : new StringValues(ifNoneMatch),
            ifModifiedSince is null ? StringValues.Empty : new StringValues(ifModifiedSince),
            Tags,
            LastModified));
}
