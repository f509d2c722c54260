using BenchmarkDotNet.Attributes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Digest;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// <see cref="DigestIndex.Update"/> over 100,000 generated captures (seed 1, 16 sections; 582,210 sidebar
/// readings of 526 distinct posts): the whole merge from an empty index, as at service start, and an incremental
/// update after one capture changed (a new snapshot in which one article object is replaced by an edited copy, as
/// the store publishes it). Target: the full merge under 1 s.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DigestMergeBenchmarks
{
    public const int Captures = 100_000;

    private ArticleSnapshot _snapshot = null!;
    private ArticleSnapshot _edited = null!;
    private DigestIndex _incremental = null!;
    private bool _toEdited;
    private string[] _titles = [];

    [GlobalSetup]
    public void Setup()
    {
        var articles = GeneratedSnapshot.Parse(Captures);
        _snapshot = GeneratedSnapshot.Build(articles);

        // One capture edited: its title and its newest sidebar reading change (a new Article object, as a re-parse gives).
        var i = articles.Length / 2;
        var old = articles[i];
        var recent = old.RecentPosts.Length > 0
            ? old.RecentPosts.SetItem(0, old.RecentPosts[0] with { Ago = "just now", OffsetSeconds = 0 })
            : old.RecentPosts;
        var changed = (Article[])articles.Clone();
        changed[i] = old with { Title = old.Title + " (updated)", RecentPosts = recent };
        _edited = GeneratedSnapshot.Build(changed, version: 2, previous: _snapshot);

        _incremental = new DigestIndex();
        _incremental.Update(_snapshot);

        GeneratedSnapshot.Warm(4, () => _ = FullMerge());
        GeneratedSnapshot.Warm(2, () => _ = OneCaptureChanged());

        _titles = [.. articles.SelectMany(a => a.RecentPosts.Select(p => p.Title).Prepend(a.Title))];
        GeneratedSnapshot.Warm(1, () => _ = FoldEveryTitle());

        var readings = articles.Sum(a => a.RecentPosts.Length);
        var index = new DigestIndex();
        index.Update(_snapshot);
        Console.WriteLine($"// {articles.Length:N0} captures, {readings:N0} sidebar readings, {index.Current.Posts.Length:N0} digest posts");
    }

    [Benchmark(Description = "Full merge of 100,000 captures from empty")]
    public bool FullMerge() => new DigestIndex().Update(_snapshot);

    /// <summary>Diagnostic: the title folding alone that a full merge does (each article title and each sidebar reading once).</summary>
    [Benchmark(Description = "TitleKey.Fold of every title a full merge folds")]
    public int FoldEveryTitle()
    {
        var n = 0;
        foreach (var title in _titles)
        {
            n += TitleKey.Fold(title).Length;
        }

        return n;
    }

    /// <summary>Alternates between the edited and the original snapshot: each call is a one-capture change.</summary>
    [Benchmark(Description = "Incremental: one capture of 100,000 changed")]
    public bool OneCaptureChanged()
    {
        _toEdited = !_toEdited;
        return _incremental.Update(_toEdited ? _edited : _snapshot);
    }
}
