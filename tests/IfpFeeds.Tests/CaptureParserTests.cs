using System.Globalization;
using System.Text;
using IfpFeeds.Captures;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>One table or fact per rule of ARTICLE-FORMAT.md.</summary>
public sealed class CaptureParserTests
{
    private static readonly DateTimeOffset LastWrite = new(2024, 5, 5, 12, 0, 0, TimeSpan.Zero);

    private static Article Parse(string text, string fileName = "a.txt")
    {
        var result = CaptureParser.Parse(fileName, Encoding.UTF8.GetBytes(text), LastWrite);
        Assert.True(result.Rejection is null, result.Rejection?.Reason);
        return result.Article!;
    }

    private static string Reject(byte[] bytes, string fileName = "a.txt")
    {
        var result = CaptureParser.Parse(fileName, bytes, LastWrite);
        Assert.Null(result.Article);
        Assert.Equal(fileName, result.Rejection!.FileName);
        return result.Rejection.Reason;
    }

    private static string Reject(string text, string fileName = "a.txt") => Reject(Encoding.UTF8.GetBytes(text), fileName);

    // Files: line ends and encoding.

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void EveryLineEndGivesTheSameParse(string newline)
    {
        var text = "Economy\n\nTitle\n\nOne.\n\nTwo.\n\nRecent Posts\n\nPost\n\nExcerpt…\n\n5 mins ago".Replace("\n", newline);
        var article = Parse(text);
        Assert.Equal(["One.", "Two."], article.Paragraphs.ToArray());
        Assert.Equal("Post", Assert.Single(article.RecentPosts).Title);
    }

    [Fact]
    public void AByteOrderMarkIsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CaptureText.Simple())).ToArray();
        var article = CaptureParser.Parse("a.txt", bytes, LastWrite).Article!;
        Assert.Equal("Politics", article.Section);
    }

    [Fact]
    public void AByteOrderMarkBeforeFrontMatterStillOpensIt()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(CaptureText.Simple(frontMatter: "title: From header"))).ToArray();
        Assert.Equal("From header", CaptureParser.Parse("a.txt", bytes, LastWrite).Article!.Title);
    }

    [Fact]
    public void InvalidUtf8IsRejectedWithTheOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("Politics\nTitle\nPara\n").Concat(new byte[] { 0xC3, 0x28 }).ToArray();
        Assert.Contains("not valid UTF-8", Reject(bytes));
    }

    // Files: the id rule.

    [Theory]
    [InlineData("000_b92118874895f2b6.txt", "000_b92118874895f2b6")]
    [InlineData("a-b.c_d.txt", "a-b.c_d")]
    public void TheIdIsTheFileNameWithoutItsExtension(string fileName, string id) =>
        Assert.Equal(id, Parse(CaptureText.Simple(), fileName).Id);

    [Theory]
    [InlineData("has space.txt")]
    [InlineData("ünïcode.txt")]
    [InlineData("semi;colon.txt")]
    [InlineData("percent%2e.txt")]
    public void UnsafeIdsAreRejected(string fileName) =>
        Assert.Contains("not a safe id", Reject(CaptureText.Simple(), fileName));

    [Fact]
    public void IdsOver128CharactersAreRejected()
    {
        Assert.Equal(new string('a', 128), Parse(CaptureText.Simple(), new string('a', 128) + ".txt").Id);
        Assert.Contains("not a safe id", Reject(CaptureText.Simple(), new string('a', 129) + ".txt"));
    }

    [Theory]
    [InlineData("a.txt", true)]
    [InlineData(".hidden.txt", false)]
    [InlineData("a.tmp", false)]
    [InlineData("a.txt.swp", false)]
    [InlineData("a.txt~", false)]
    [InlineData("a.TXT", false)]
    [InlineData(".txt", false)]
    public void OnlyVisibleTxtFilesAreCandidates(string fileName, bool candidate) =>
        Assert.Equal(candidate, CaptureFiles.IsCandidate(fileName));

    // Front matter.

    [Fact]
    public void FrontMatterGivesEveryKnownKey()
    {
        var article = Parse(CaptureText.Simple(frontMatter: """
            url: https://ifpnews.com/a-story/
            published: 2024-05-01T08:30:00+03:30
            updated: 2024-05-02T09:00:00Z
            captured: 2024-05-03T10:00:00Z
            section: Override Section
            title: Override Title
            author: Jane Roe
            image: https://ifpnews.com/lead.jpg
            tags: Iran, Azerbaijan, , Iran
            unknown: kept and ignored
            """));
        Assert.Equal("https://ifpnews.com/a-story/", article.Url);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 5, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(new DateTimeOffset(2024, 5, 2, 9, 0, 0, TimeSpan.Zero), article.Updated);
        Assert.Equal(new DateTimeOffset(2024, 5, 3, 10, 0, 0, TimeSpan.Zero), article.Captured);
        Assert.Equal("Override Section", article.Section);
        Assert.Equal("override-section", article.SectionSlug);
        Assert.Equal("Override Title", article.Title);
        Assert.Equal("Jane Roe", article.Author);
        Assert.Equal("https://ifpnews.com/lead.jpg", article.Image);
        Assert.Equal(["Iran", "Azerbaijan"], article.Tags.ToArray());
    }

    [Theory]
    // published: captured, else last-write; updated: published; captured: last-write.
    [InlineData("", "2024-05-05T12:00:00Z", "2024-05-05T12:00:00Z", "2024-05-05T12:00:00Z")]
    [InlineData("captured: 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z")]
    [InlineData("published: 2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-05-05T12:00:00Z")]
    [InlineData("published: 2024-02-01T00:00:00Z\nupdated: 2024-03-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z", "2024-05-05T12:00:00Z")]
    // A date without an offset is UTC; a date alone is midnight UTC.
    [InlineData("published: 2024-02-01T10:20:30", "2024-02-01T10:20:30Z", "2024-02-01T10:20:30Z", "2024-05-05T12:00:00Z")]
    [InlineData("published: 2024-02-01", "2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-05-05T12:00:00Z")]
    [InlineData("published: 2024-02-01T10:20:30.125+01:00", "2024-02-01T09:20:30.125Z", "2024-02-01T09:20:30.125Z", "2024-05-05T12:00:00Z")]
    public void DatesFallBackAsTheSpecSays(string frontMatter, string published, string updated, string captured)
    {
        var article = Parse(CaptureText.Simple(frontMatter: frontMatter));
        Assert.Equal(DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture), article.Published);
        Assert.Equal(DateTimeOffset.Parse(updated, System.Globalization.CultureInfo.InvariantCulture), article.Updated);
        Assert.Equal(DateTimeOffset.Parse(captured, System.Globalization.CultureInfo.InvariantCulture), article.Captured);
    }

    [Theory]
    [InlineData("published: yesterday", "'published'")]
    [InlineData("updated: 03/05/2024", "'updated'")]
    [InlineData("captured: 2024-13-01T00:00:00Z", "'captured'")]
    [InlineData("url: not a url", "'url'")]
    [InlineData("url: javascript:alert(1)", "'url'")]
    [InlineData("image: /relative.jpg", "'image'")]
    [InlineData("no colon here", "line 2")]
    public void BadFrontMatterIsRejectedNamingTheKey(string frontMatter, string named) =>
        Assert.Contains(named, Reject(CaptureText.Simple(frontMatter: frontMatter)));

    [Fact]
    public void FrontMatterThatNeverClosesIsRejected() =>
        Assert.Contains("never closed", Reject("---\nurl: https://a.example/\nPolitics\nTitle\nParagraph\n"));

    [Fact]
    public void DashesLaterInTheBodyAreNotFrontMatter()
    {
        var article = Parse("Politics\nTitle\n---\nParagraph\n");
        Assert.Equal(["---", "Paragraph"], article.Paragraphs.ToArray());
    }

    // Body.

    [Fact]
    public void LinesAreTrimmedAndWhiteSpaceFolded()
    {
        var article = Parse("  Foreign   Policy \t\n\n\n Title\twith  tabs \n  \u00a0 \nOne  \t two\u00a0 three \n");
        Assert.Equal("Foreign Policy", article.Section);
        Assert.Equal("Title with tabs", article.Title);
        Assert.Equal("One two three", article.Summary);
    }

    [Fact]
    public void SectionTitleParagraphsAndSummary()
    {
        var article = Parse(CaptureText.Simple());
        Assert.Equal("Politics", article.Section);
        Assert.Equal("A title", article.Title);
        Assert.Equal("The first paragraph.", article.Summary);
        Assert.Equal(["The first paragraph.", "The second paragraph."], article.Paragraphs.ToArray());
        Assert.Null(article.Author);
        Assert.Null(article.AuthorBio);
        Assert.Empty(article.RecentPosts);
    }

    [Theory]
    [InlineData("Politics\n")]
    [InlineData("Politics\nTitle\n")]
    [InlineData("\n\n  \n")]
    [InlineData("")]
    public void FewerThanThreeContentLinesAreRejected(string text) =>
        Assert.Matches("content line|empty", Reject(text));

    [Fact]
    public void AFirstLineOver60CharactersIsRejected()
    {
        Assert.Equal(60, Parse(new string('S', 60) + "\nTitle\nParagraph").Section.Length);
        Assert.Contains("61 characters", Reject(new string('S', 61) + "\nTitle\nParagraph"));
    }

    [Fact]
    public void TheBylineBlockGivesAuthorAndBioAndIsNotAParagraph()
    {
        var article = Parse("Politics\nTitle\nOne.\nTwo.\nJane Roe\nJane Roe writes about politics for IFP.\n");
        Assert.Equal("Jane Roe", article.Author);
        Assert.Equal("Jane Roe writes about politics for IFP.", article.AuthorBio);
        Assert.Equal(["One.", "Two."], article.Paragraphs.ToArray());
    }

    [Theory]
    [InlineData("Jane Roe\nThis bio does not name her.")] // the bio must contain the name
    [InlineData("The end of the story.\nThe end of the story. Really.")] // a name does not end in '.'
    [InlineData("Is this a name?\nIs this a name? No.")]
    [InlineData("One two three four five six seven eight nine\nOne two three four five six seven eight nine wrote it.")] // 9 words
    public void LinesThatAreNotABylineStayParagraphs(string tail)
    {
        var article = Parse("Politics\nTitle\nOne.\n" + tail + "\n");
        Assert.Null(article.AuthorBio);
        Assert.Equal(3, article.Paragraphs.Length);
    }

    [Fact]
    public void TheBylineNameIsMatchedCaseInsensitivelyInTheBio() =>
        Assert.Equal("IFP Editorial Staff", Parse("Politics\nTitle\nOne.\nIFP Editorial Staff\nThe ifp editorial staff is many people.\n").Author);

    [Fact]
    public void ABylineNeedsAParagraphBeforeIt()
    {
        var article = Parse("Politics\nTitle\nJane Roe\nJane Roe is a reporter.\n");
        Assert.Null(article.Author);
        Assert.Equal(["Jane Roe", "Jane Roe is a reporter."], article.Paragraphs.ToArray());
    }

    [Fact]
    public void PageFurnitureIsDroppedAndPublishedByNamesTheAuthorWithoutAByline()
    {
        var article = Parse("Politics\nTitle\nOne.\nTwo.\nShare\nPublished by\nJohn Doe\n");
        Assert.Equal(["One.", "Two."], article.Paragraphs.ToArray());
        Assert.Equal("John Doe", article.Author);
        Assert.Null(article.AuthorBio);
    }

    [Fact]
    public void TheBylineWinsOverPublishedByAndFrontMatterWinsOverBoth()
    {
        const string body = "Politics\nTitle\nOne.\nJane Roe\nJane Roe reports.\nShare\nPublished by\nJohn Doe\n";
        Assert.Equal("Jane Roe", Parse(body).Author);
        Assert.Equal("Front Matter", Parse("---\nauthor: Front Matter\n---\n" + body).Author);
    }

    [Fact]
    public void ACaptureOfOnlyFurnitureAfterTheTitleIsRejected() =>
        Assert.Contains("no paragraph", Reject("Politics\nTitle\nShare\nPublished by\nJohn Doe\n"));

    // Recent Posts.

    [Fact]
    public void RecentPostsHaveTitleExcerptAndTime()
    {
        var article = Parse(CaptureText.Simple(extra: """
            Recent Posts
            First post
            Its excerpt…
            29 minutes ago
            Second post
            Line one of the excerpt
            line two…
            an hour ago
            Third post without excerpt
            yesterday
            """));
        Assert.Equal(
            [
                new RecentPost("First post", "Its excerpt…", "29 minutes ago", 1_740, 30),
                new RecentPost("Second post", "Line one of the excerpt line two…", "an hour ago", 3_600, 1_800),
                new RecentPost("Third post without excerpt", null, "yesterday", 86_400, 43_200),
            ],
            article.RecentPosts.ToArray());
        Assert.Equal(2, article.Paragraphs.Length);
    }

    [Fact]
    public void LinesAfterTheLastRelativeTimeAreDropped()
    {
        var article = Parse(CaptureText.Simple(extra: "Recent Posts\nPost\n1 hour ago\nFooter text\nCopyright 2024\n"));
        Assert.Equal("Post", Assert.Single(article.RecentPosts).Title);
    }

    [Fact]
    public void TheLastRecentPostsLineCountsAndMatchesCaseInsensitively()
    {
        var article = Parse("Politics\nTitle\nOne.\nRecent posts\nNot a post\nRECENT POSTS\nReal post\n2 days ago\n");
        Assert.Equal("Real post", Assert.Single(article.RecentPosts).Title);
        // Only the last "Recent Posts" line starts the sidebar: an earlier one is body text.
        Assert.Equal(["One.", "Recent posts", "Not a post"], article.Paragraphs.ToArray());
    }

    [Fact]
    public void ATitleThatLooksLikeATimeStillStartsAPost()
    {
        var article = Parse(CaptureText.Simple(extra: "Recent Posts\nJust now\n5 mins ago\n"));
        Assert.Equal(new RecentPost("Just now", null, "5 mins ago", 300, 30), Assert.Single(article.RecentPosts));
    }

    [Fact]
    public void WithoutRecentPostsEverythingAfterTheTitleIsContent() =>
        Assert.Empty(Parse(CaptureText.Simple()).RecentPosts);

    // Robustness.

    [Fact]
    public void HostileTextIsParsedNotThrown()
    {
        var hostile = "<script>alert(1)</script>\n]]> & \"quotes\" 'single'\n\u0001\u0007 control \u202E RTL \uD83D\uDE00\n" + new string('x', 10_000);
        var article = Parse(hostile);
        Assert.Equal("<script>alert(1)</script>", article.Section);
        Assert.Equal("]]> & \"quotes\" 'single'", article.Title);
        Assert.Equal(10_000, article.Paragraphs[^1].Length);
    }

    [Fact]
    public void ParsingIsPure()
    {
        var text = CaptureText.Simple(extra: "Recent Posts\nPost\nExcerpt\n3 hours ago\n");
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(Parse(text)),
            System.Text.Json.JsonSerializer.Serialize(Parse(text)));
    }

    [Theory]
    [InlineData(null, null, "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z")] // first seen, never changed
    [InlineData(null, "2020-06-01T00:00:00Z", "2020-01-01T00:00:00Z", "2020-06-01T00:00:00Z", "2020-01-01T00:00:00Z")] // changed later
    [InlineData("published: 2019-05-05T00:00:00Z", "2020-06-01T00:00:00Z", "2019-05-05T00:00:00Z", "2020-06-01T00:00:00Z", "2020-01-01T00:00:00Z")]
    [InlineData("published: 2021-05-05T00:00:00Z", "2020-06-01T00:00:00Z", "2021-05-05T00:00:00Z", "2021-05-05T00:00:00Z", "2020-01-01T00:00:00Z")]
    [InlineData("captured: 2018-02-02T00:00:00Z", null, "2018-02-02T00:00:00Z", "2018-02-02T00:00:00Z", "2018-02-02T00:00:00Z")]
    [InlineData("updated: 2022-02-02T00:00:00Z", "2020-06-01T00:00:00Z", "2020-01-01T00:00:00Z", "2022-02-02T00:00:00Z", "2020-01-01T00:00:00Z")]
    public void FrontMatterWinsAndTheRegistryDatesTheRest(string? frontMatter, string? changed, string published, string updated, string captured)
    {
        var firstSeen = DateTimeOffset.Parse("2020-01-01T00:00:00.400Z", CultureInfo.InvariantCulture);
        var dates = new CaptureDates(firstSeen, changed is null ? firstSeen : DateTimeOffset.Parse(changed, CultureInfo.InvariantCulture));
        var article = CaptureParser.Parse("a.txt", CaptureText.Bytes(CaptureText.Simple(frontMatter: frontMatter)), dates).Article!;
        Assert.Equal(DateTimeOffset.Parse(published, CultureInfo.InvariantCulture), article.Published);
        Assert.Equal(DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture), article.Updated);
        Assert.Equal(DateTimeOffset.Parse(captured, CultureInfo.InvariantCulture), article.Captured);
    }
}
