using System.Text;
using CsCheck;
using IfpFeeds.Captures;
using IfpFeeds.Store;
using IfpFeeds.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace IfpFeeds.Tests;

/// <summary>Property tests over random bytes and hostile text, 10,000 cases each.</summary>
public sealed class ParserPropertyTests
{
    private const int Cases = 10_000;

    /// <summary>Mostly capture-like text (so many cases parse), sometimes raw bytes.</summary>
    internal static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (1, Gen.Byte.Array[0, 600]),
        (3, Gen.Select(
                Gen.String[Gen.Char, 0, 80].Array[0, 14],
                Gen.OneOf("\n", "\r\n", "\r"),
                Gen.Bool)
            .Select((lines, newline, bom) =>
            {
                var text = Encoding.UTF8.GetBytes(string.Join(newline, lines));
                return bom ? [0xEF, 0xBB, 0xBF, .. text] : text;
            })),
        (3, Gen.OneOf("---", "url: https://a.example/", "published: 2024-05-05T10:00:00Z", "published: nope", "Recent Posts",
                "5 minutes ago", "an hour ago", "Share", "Published by", "Jane Roe", "Jane Roe wrote this.", "<p>", "]]>", "\u0001",
                "سلام", "😀", "\u202E", new string('x', 10_000), "Section", "Title", "A paragraph.")
            .Array[0, 20]
            .Select(lines => Encoding.UTF8.GetBytes(string.Join("\n", lines)))));

    private static readonly Gen<string> FileName = Gen.Frequency(
        (5, Gen.String[Gen.Char.AlphaNumeric, 1, 20].Select(s => s + ".txt")),
        (1, Gen.String[Gen.Char, 0, 200]));

    [Fact]
    public void TheParserNeverThrowsAndAlwaysAnswersOneWay()
    {
        Gen.Select(FileName, Bytes).Sample((name, bytes) =>
        {
            var result = CaptureParser.Parse(name, bytes, DateTimeOffset.UnixEpoch);
            Assert.True(result.Article is null != (result.Rejection is null));
            if (result.Rejection is { } rejection)
            {
                Assert.Equal(name, rejection.FileName);
                Assert.False(string.IsNullOrWhiteSpace(rejection.Reason));

                // The parser's last line of defence turns an exception into a rejection, so "it never throws" holds
                // whatever happens: what must hold is that no case reaches it. Every rejection is a rule's, with its reason.
                Assert.False(rejection.Reason.StartsWith(CaptureParser.InternalErrorReason, StringComparison.Ordinal),
                    $"an internal error, not a rule, rejected {name}: {rejection.Reason}");
            }
            else
            {
                var a = result.Article!;
                Assert.False(string.IsNullOrEmpty(a.Section));
                Assert.InRange(a.Section.Length, 1, CaptureParser.MaxSectionLength);
                Assert.NotEmpty(a.Paragraphs);
                Assert.Equal(a.Paragraphs[0], a.Summary);
                Assert.False(string.IsNullOrEmpty(a.SectionSlug));
            }
        }, iter: Cases);
    }

    [Fact]
    public async Task CaptureTextNeverAppearsUnescapedInHtml()
    {
        using var app = new TestApp();
        app.Write("seed.txt", CaptureText.Simple());
        using var client = app.CreateClient(); // starts the app
        var renderer = app.Services.GetRequiredService<PageRenderer>();
        var baseUrl = new Uri("https://feeds.example.com/");
        var tag = new System.Text.RegularExpressions.Regex("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
        var allowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "main", "article", "p", "a", "h1", "span", "time", "aside", "strong", "bdi" };

        var hostile = Gen.OneOf("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><iframe>", "javascript:alert(1)",
            "&lt;script&gt;", "' onmouseover='x", "<", ">", "\"", "&", "سلام", "\u202E", "text").Array[1, 6].Select(p => string.Concat(p));

        var cases = 0;
        await Gen.Select(hostile, hostile, hostile, hostile).SampleAsync(async (section, title, paragraph, author) =>
        {
            var text = $"---\nauthor: {author}\n---\n{section}\n{title}\n{paragraph}\n{author}\n{author} is the author\n";
            if (CaptureParser.Parse("x.txt", Encoding.UTF8.GetBytes(text), DateTimeOffset.UnixEpoch).Article is not { } article)
            {
                return;
            }

            Interlocked.Increment(ref cases);
            var html = await renderer.RenderHtmlAsync<ArticlePage>(new()
            {
                [nameof(ArticlePage.Article)] = article,
                [nameof(ArticlePage.SiteTitle)] = "Site",
                [nameof(ArticlePage.Language)] = "en",
                [nameof(ArticlePage.BaseUrl)] = baseUrl,
            });
            // Every element in the page body is one the template writes, with no event-handler attribute:
            // whatever the capture says stays text.
            var main = html[html.IndexOf("<main>", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
            foreach (System.Text.RegularExpressions.Match m in tag.Matches(main))
            {
                Assert.Contains(m.Groups[1].Value, allowedTags);
                Assert.DoesNotMatch(@"\son[a-z]+\s*=", m.Groups[2].Value);
                Assert.DoesNotContain("javascript:", m.Groups[2].Value, StringComparison.OrdinalIgnoreCase);
            }
        }, iter: Cases);

        Assert.True(cases > Cases / 2, $"only {cases} cases parsed");
    }
}
