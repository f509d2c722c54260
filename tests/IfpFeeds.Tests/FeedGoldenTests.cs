using System.Text;

namespace IfpFeeds.Tests;

/// <summary>
/// Every feed of the test set compared whole with its golden file in TestData/golden. After a deliberate
/// change, regenerate them with <c>UPDATE_GOLDEN=1 dotnet test</c> and review the diff.
/// </summary>
public sealed class FeedGoldenTests : IClassFixture<FeedTestSetFixture>
{
    private readonly FeedTestSetFixture _fixture;

    public FeedGoldenTests(FeedTestSetFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> Feeds()
    {
        var data = new TheoryData<string, string>();
        foreach (var section in FeedTestSet.Sections.Append("tag/economy").Append("author/maryam-karimi"))
        {
            foreach (var extension in new[] { "rss", "atom", "json" })
            {
                data.Add(section, extension);
            }
        }

        data.Add("all", "rss?limit=2&page=2");
        foreach (var extension in new[] { "rss", "atom", "json" })
        {
            data.Add("search", extension + "?q=IRANIAN"); // a search feed: case folded, at the start of words only ("Iranian", not "Iran")
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task FeedMatchesItsGoldenFile(string section, string extension)
    {
        using var client = _fixture.App.CreateClient();
        var actual = await client.GetStringAsync(FeedTestSet.FeedUrl(section, extension.Split('?')[0]) + (extension.Contains('?') ? "?" + extension.Split('?')[1] : ""));
        var name = $"{section.Replace('/', '_')}.{extension.Replace('?', '_').Replace('&', '_').Replace('=', '-')}";
        AssertGolden(name, actual);
    }

    [Fact]
    public async Task OpmlMatchesItsGoldenFile()
    {
        using var client = _fixture.App.CreateClient();
        AssertGolden("feeds.opml", await client.GetStringAsync("/feeds.opml"));
    }

    internal static void AssertGolden(string name, string actual)
    {
        var sourceDir = Path.Combine(FindTestProjectDirectory(), "TestData", "golden");
        var path = Path.Combine(sourceDir, name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(sourceDir);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name));
        Assert.Equal(expected, actual);
    }

    private static string FindTestProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IfpFeeds.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("IfpFeeds.Tests.csproj not found above " + AppContext.BaseDirectory);
    }
}
