using System.Text;
using BenchmarkDotNet.Attributes;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Feeds;
using IfpFeeds.Caching;
using IfpFeeds.Http;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Benchmarks;

/// <summary>
/// Where <see cref="FeedRenderBenchmarks"/>' time goes, for the same 50-item <c>all</c> feed: building the
/// <see cref="FeedDocument"/> alone, each renderer alone on a document built once, and the two per-character loops
/// that build each item's <c>content_html</c> (<see cref="SafeText.Clean"/> and <see cref="HtmlText.Encode"/> over
/// every paragraph of the 50 articles). Diagnostic, no target.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[IterationTime(250)]
public class FeedRenderBreakdownBenchmarks
{
    private BenchFeed _feed = null!;
    private FeedDocument _rssDoc = null!, _atomDoc = null!, _jsonDoc = null!;
    private Article[] _page = [];
    private readonly StringBuilder _sb = new(16 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        _feed = GeneratedSnapshot.AllFeed();
        _page = [.. _feed.Articles.Take(FeedRenderBenchmarks.Limit)];
        _rssDoc = _feed.Build(FeedFormat.Rss);
        _atomDoc = _feed.Build(FeedFormat.Atom);
        _jsonDoc = _feed.Build(FeedFormat.Json);
        GeneratedSnapshot.Warm(3, () =>
        {
            _ = Build();
            _ = RenderRss();
            _ = RenderAtom();
            _ = RenderJson();
            _ = ContentHtml();
            _ = SafeTextOnly();
            _ = HtmlEncodeOnly();
        });
        var chars = _page.Sum(a => a.Paragraphs.Sum(p => p.Length));
        Console.WriteLine($"// 50 articles: {chars:N0} paragraph characters; content_html total {_rssDoc.Items.Sum(e => e.ContentHtml.Length):N0} chars");
    }

    [Benchmark(Description = "ArticleFeedDocuments.Build only (50 items)")]
    public FeedDocument Build() => _feed.Build(FeedFormat.Rss);

    [Benchmark(Description = "RssRenderer.Render only")]
    public SegmentedBytes RenderRss() => RssRenderer.Render(_rssDoc);

    [Benchmark(Description = "AtomRenderer.Render only")]
    public SegmentedBytes RenderAtom() => AtomRenderer.Render(_atomDoc);

    [Benchmark(Description = "JsonFeedRenderer.Render only")]
    public SegmentedBytes RenderJson() => JsonFeedRenderer.Render(_jsonDoc);

    [Benchmark(Description = "ArticleEntries.ContentHtml x50")]
    public int ContentHtml()
    {
        var n = 0;
        foreach (var article in _page)
        {
            n += ArticleEntries.ContentHtml(article).Length;
        }

        return n;
    }

    [Benchmark(Description = "SafeText.Clean over every paragraph x50")]
    public int SafeTextOnly()
    {
        var n = 0;
        foreach (var article in _page)
        {
            foreach (var paragraph in article.Paragraphs)
            {
                n += SafeText.Clean(paragraph).Length;
            }
        }

        return n;
    }

    [Benchmark(Description = "HtmlText.Encode over every paragraph x50")]
    public int HtmlEncodeOnly()
    {
        var n = 0;
        foreach (var article in _page)
        {
            _sb.Clear();
            foreach (var paragraph in article.Paragraphs)
            {
                HtmlText.Encode(_sb, paragraph);
            }

            n += _sb.Length;
        }

        return n;
    }
}
