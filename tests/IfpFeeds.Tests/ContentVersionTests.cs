using IfpFeeds.Digest;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>
/// Versions come from content alone: two instances over the same captures (separate folders and data, started apart)
/// agree on every version, so a cache they share can key on them; a change moves only the versions of what it touches.
/// </summary>
public sealed class ContentVersionTests
{
    private static (long Content, long Digest, Dictionary<string, long> Scopes) VersionsOf(TestApp app)
    {
        using var client = app.CreateClient(); // started: loaded
        var snapshot = app.Services.GetRequiredService<ArticleStore>().Current;
        var scopes = snapshot.Sections.Select(s => (s.Scope, s.Version))
            .Concat(snapshot.Tags.All.Concat(snapshot.Authors.All).Select(g => (g.Scope, g.Version)))
            .ToDictionary(p => p.Item1, p => p.Item2);
        return (snapshot.ContentVersion, app.Services.GetRequiredService<DigestService>().Current.Version, scopes);
    }

    [Fact]
    public void TwoInstancesOverTheSameCapturesAgreeOnEveryVersion()
    {
        using var first = FeedTestSet.Create();
        var a = VersionsOf(first);
        using var second = FeedTestSet.Create();
        var b = VersionsOf(second);
        Assert.Equal(a.Content, b.Content);
        Assert.Equal(a.Digest, b.Digest);
        Assert.Equal(a.Scopes, b.Scopes);
        Assert.True(a.Scopes.Count >= 6);
        Assert.Equal(a.Scopes.Count, a.Scopes.Values.Distinct().Count()); // distinct content, distinct versions
    }

    [Fact]
    public async Task AChangeMovesTheVersionsOfWhatItTouchesOnly()
    {
        using var app = FeedTestSet.Create();
        var before = VersionsOf(app);
        var name = Directory.GetFiles(app.Folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal).First()!;
        var snapshot = app.Services.GetRequiredService<ArticleStore>().Current;
        var article = snapshot.Articles.Single(a => a.Id + ".txt" == name);
        File.AppendAllText(Path.Combine(app.Folder, name), "\nA paragraph added later.\n");
        await app.Services.GetRequiredService<ArticleStore>().RefreshAsync(name);
        var after = VersionsOf(app);

        Assert.NotEqual(before.Content, after.Content);
        var sections = before.Scopes.Keys.Where(k => k.StartsWith("section/", StringComparison.Ordinal)).ToList();
        Assert.True(sections.Count >= 2);
        foreach (var scope in sections)
        {
            if (scope == "section/" + article.SectionSlug)
            {
                Assert.NotEqual(before.Scopes[scope], after.Scopes[scope]);
            }
            else
            {
                Assert.Equal(before.Scopes[scope], after.Scopes[scope]); // other sections keep theirs
            }
        }
    }
}
