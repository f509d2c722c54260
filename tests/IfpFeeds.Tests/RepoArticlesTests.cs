using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>The repo's own <c>articles/</c>: every capture is a good one and exercises a rule of the format.</summary>
public sealed class RepoArticlesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "RepoArticles");

    private static Article Parse(string id) =>
        CaptureParser.Parse(id + ".txt", File.ReadAllBytes(Path.Combine(Folder, id + ".txt")), DateTimeOffset.UnixEpoch).Article!;

    public static TheoryData<string> Files() => new(Directory.GetFiles(Folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryRepoCaptureParses(string fileName)
    {
        var result = CaptureParser.Parse(fileName, File.ReadAllBytes(Path.Combine(Folder, fileName)), DateTimeOffset.UnixEpoch);
        Assert.True(result.Rejection is null, result.Rejection?.Reason);
    }

    [Fact]
    public void TheRealCapturesAreThereByteForByte()
    {
        foreach (var id in new[] { "000_b92118874895f2b6", "003_1065cd54b351d93b" })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", id + ".txt")),
                File.ReadAllBytes(Path.Combine(Folder, id + ".txt")));
        }
    }

    [Fact]
    public void FrontMatterCaptureHasEveryField()
    {
        var a = Parse("010_e3b1c2a4d5f60718");
        Assert.Equal("https://ifpnews.com/iran-non-oil-exports-rise/", a.Url);
        Assert.Equal(new DateTimeOffset(2024, 5, 4, 5, 45, 0, TimeSpan.Zero), a.Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 4, 8, 10, 0, TimeSpan.Zero), a.Updated);
        Assert.Equal(["Economy", "Trade", "Exports"], a.Tags.ToArray());
        Assert.Equal("Maryam Karimi", a.Author);
        Assert.Equal(4, a.Paragraphs.Length);
        Assert.Equal(2, a.RecentPosts.Length);
    }

    [Fact]
    public void CrlfCaptureParsesLikeAnyOther()
    {
        var a = Parse("011_4f2a9c7e81b3d605");
        Assert.Equal("Politics", a.Section);
        Assert.Equal("IFP Editorial Staff", a.Author);
        Assert.DoesNotContain(a.Paragraphs, p => p.Contains('\r'));
        Assert.Equal(new RecentPost("Iran's non-oil exports rise 12 percent in first month of fiscal year",
            "Iran's non-oil exports grew by about 12 percent in the first month of the Iranian calendar year…", "just now", 0, 30), a.RecentPosts[0]);
    }

    [Fact]
    public void BomCaptureWithoutBylineTakesThePublishedByName()
    {
        var a = Parse("012_9d8c7b6a5f4e3d2c");
        Assert.Equal("Foreign Policy", a.Section);
        Assert.Equal("IFP Editorial Staff", a.Author);
        Assert.Null(a.AuthorBio);
        Assert.Equal(3, a.Paragraphs.Length);
    }

    [Fact]
    public void PersianSectionGetsAReadableSlug()
    {
        var a = Parse("013_0a1b2c3d4e5f6a7b");
        Assert.Equal("فرهنگ و هنر", a.Section);
        Assert.Equal("فرهنگ-و-هنر", a.SectionSlug);
        Assert.Equal("Sara Ahmadi", a.Author);
    }
}
