using System.Text.Json;
using System.Text.Json.Nodes;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>The two real captures against the expected parse in ../shared/articles/expected, compared whole.</summary>
public sealed class CaptureParserGoldenTests
{
    public static TheoryData<string> RealCaptures => new() { "000_b92118874895f2b6", "003_1065cd54b351d93b" };

    [Theory]
    [MemberData(nameof(RealCaptures))]
    public void RealCaptureParsesExactlyAsExpected(string id)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", id + ".txt"));
        var result = CaptureParser.Parse(id + ".txt", bytes, DateTimeOffset.UnixEpoch);

        Assert.Null(result.Rejection);
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", id + ".json"));
        Assert.Equal(Normalize(expected), Normalize(JsonSerializer.Serialize(GoldenShape(result.Article!), TestApp.Json)));
    }

    /// <summary>The fields the expected files hold, in their order.</summary>
    internal static object GoldenShape(Article a) => new
    {
        a.Section,
        a.Title,
        a.Summary,
        a.Paragraphs,
        a.Author,
        a.AuthorBio,
        RecentPosts = a.RecentPosts.Select(p => new { p.Title, p.Excerpt, p.Ago, p.OffsetSeconds, p.UncertaintySeconds }),
    };

    /// <summary>Re-serializes indented so a failure shows a readable line diff.</summary>
    internal static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
