namespace IfpFeeds.Tests;

/// <summary>
/// The captures the feed tests render: the two real ones and the repo's own, with fixed last-write times
/// (the real captures have no front matter), served under a fixed base URL.
/// </summary>
public static class FeedTestSet
{
    public const string BaseUrl = "https://feeds.example.com/";

    public static readonly DateTime FixedWrite = new(2024, 5, 5, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Every feed URL the set has: all and each section, three formats, plus the OPML.</summary>
    public static readonly string[] Sections = ["all", "economy", "foreign-policy", "ifp-exclusive", "politics", "فرهنگ-و-هنر"];

    public static TestApp Create(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Feeds:BaseUrl"] = BaseUrl };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }

        var app = new TestApp(all);
        Fill(app.Folder);
        return app;
    }

    public static void Fill(string folder)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "RepoArticles");
        foreach (var file in Directory.GetFiles(source, "*.txt"))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, FixedWrite);
        }
    }

    public static string FeedUrl(string section, string extension) =>
        $"/feeds/{IfpFeeds.Http.PublicUrls.EscapeSegments(section)}.{extension}";
}
