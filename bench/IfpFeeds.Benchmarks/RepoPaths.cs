namespace IfpFeeds.Benchmarks;

/// <summary>Finds the repository's <c>articles/</c> folder (the two real captures) from wherever the benchmark runs.</summary>
internal static class RepoPaths
{
    public const string Real000 = "000_b92118874895f2b6.txt";
    public const string Real003 = "003_1065cd54b351d93b.txt";

    /// <summary>
    /// <c>IFPFEEDS_ARTICLES</c> if set; else the first <c>articles/</c> holding <see cref="Real000"/> above the
    /// current directory or above this assembly (BenchmarkDotNet runs it from a generated folder under bin/).
    /// </summary>
    public static string ArticlesFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("IFPFEEDS_ARTICLES");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Join(dir.FullName, "articles");
                if (File.Exists(Path.Join(candidate, Real000)))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"no articles/{Real000} above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; set IFPFEEDS_ARTICLES to the folder of the real captures");
    }
}
