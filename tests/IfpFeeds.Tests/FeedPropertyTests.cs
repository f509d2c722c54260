using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using CsCheck;
using IfpFeeds.Configuration;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Feeds;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Tests;

/// <summary>
/// Captures with random, hostile text (markup, quotes, <c>]]&gt;</c>, control characters, emoji, RTL marks,
/// long lines) always give well-formed feeds that parse back with their titles intact (less the characters
/// XML cannot carry).
/// </summary>
public sealed class FeedPropertyTests
{
    private static readonly string[] Pieces =
    [
        "<script>", "</p>", "]]>", "<![CDATA[", "&amp;", "&", "\"", "'", "\u0001", "\u0008", "\u000B", "\u001F", "\u007F", "\u0085",
        "\u200F", "\u202E", "\u061C", "سلام", "😀", "\uFFFE", "\uFEFF", "\t", "  ", "Recent Posts", "---", "a", "Z", "9", " ", "…",
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]),
        Gen.Char.Select(c => c.ToString()),
        Gen.String[Gen.Char.AlphaNumeric, 1, 8])
        .Array[1, 12].Select(parts => string.Concat(parts));

    private static readonly IOptions<FeedsOptions> SiteOptions = Options.Create(new FeedsOptions { SiteTitle = "Site <&> \u0001" });
    private static readonly ArticleFeedDocuments Documents = new(SiteOptions, new ContentLanguages(SiteOptions));
    private static readonly Uri BaseUrl = new("https://feeds.example.com/");

    private const int Cases = 10_000;

    [Fact]
    public void HostileCapturesAlwaysGiveWellFormedFeedsThatParseBack()
    {
        var rendered = 0;
        Gen.Select(Text.Array[3, 8], Gen.Bool).Sample((lines, crlf) =>
        {
            var text = string.Join(crlf ? "\r\n" : "\n", lines);
            var result = CaptureParser.Parse("x.txt", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch);
            if (result.Article is not { } article)
            {
                return; // rejected with a reason: nothing to render (counted below: most cases must render)
            }

            Interlocked.Increment(ref rendered);

            var feed = new FeedDescription(article.SectionSlug, $"Site: {article.Section}", "Hostile", "sections/" + Uri.EscapeDataString(article.SectionSlug));
            FeedDocument Build(FeedFormat format) => Documents.Build(feed, [article], format, FeedPage.First, BaseUrl, article.Updated);
            var expectedTitle = SafeText.Clean(PlainText.Title(article.Title)); // titles are plain text in every feed

            var rss = RssRenderer.Render(Build(FeedFormat.Rss));
            using (var reader = XmlReader.Create(new MemoryStream(rss.ToArray())))
            {
                Assert.Equal(expectedTitle, SyndicationFeed.Load(reader).Items.Single().Title.Text);
            }

            var atom = AtomRenderer.Render(Build(FeedFormat.Atom));
            using (var reader = XmlReader.Create(new MemoryStream(atom.ToArray())))
            {
                Assert.Equal(expectedTitle, SyndicationFeed.Load(reader).Items.Single().Title.Text);
            }

            var json = JsonFeedRenderer.Render(Build(FeedFormat.Json));
            using var doc = JsonDocument.Parse(json.ToArray());
            Assert.Equal(expectedTitle, doc.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
        }, iter: Cases);

        // A property that holds because nothing was tried proves nothing: about 92% of these captures are articles.
        Assert.True(rendered >= Cases * 85 / 100, $"only {rendered} of {Cases} hostile captures were rendered");
    }

    [Theory]
    [InlineData("a\u0001b", "ab")]
    [InlineData("tab\tok", "tab\tok")]
    [InlineData("c1\u0085x", "c1x")]
    [InlineData("pair😀ok", "pair😀ok")]
    [InlineData("non\uFFFEchar", "nonchar")]
    [InlineData("rtl\u202Ekept", "rtl\u202Ekept")]
    public void SafeTextRemovesWhatXmlCannotCarry(string input, string expected) =>
        Assert.Equal(expected, SafeText.Clean(input));

    [Fact]
    public void SafeTextRemovesLoneSurrogates()
    {
        // Built in code: a test runner may replace a lone surrogate in [InlineData] with U+FFFD.
        Assert.Equal("lonesurrogate", SafeText.Clean("lone" + '\uD800' + "surrogate"));
        Assert.Equal("ab", SafeText.Clean("a" + '\uDC00' + "b"));
        Assert.Equal("x", SafeText.Clean("x" + '\uD83D'));
    }
}
