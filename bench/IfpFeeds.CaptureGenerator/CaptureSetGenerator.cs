using System.Globalization;
using System.Text;

namespace IfpFeeds.CaptureGenerator;

/// <summary>One generated capture: the file's name, bytes and last-write time.</summary>
internal sealed record GeneratedCapture(string FileName, byte[] Bytes, DateTime LastWriteUtc, int SectionIndex, bool HasFrontMatter);

/// <summary>A post of the simulated site, as its "Recent Posts" sidebar shows it.</summary>
internal sealed record SitePost(string Title, string Excerpt, DateTimeOffset Published);

/// <summary>
/// A deterministic set of <see cref="Count"/> captures over <see cref="Sections"/>, in the shape of the two real
/// captures (ARTICLE-FORMAT.md). Capture <c>i</c> depends only on the seed and <c>i</c>, so any capture can be made
/// alone and the set can be written in parallel.
/// <para>
/// The simulation: a crawler captured old and new articles of the site during a 30-day window. Each capture's
/// sidebar shows the six posts the site had published last before the capture time, so the same post appears in
/// the sidebars of many captures, with relative times consistent with each capture's own time.
/// </para>
/// </summary>
internal sealed class CaptureSetGenerator
{
    /// <summary>The crawl window in which every capture was taken.</summary>
    public static readonly DateTimeOffset CrawlStart = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan CrawlLength = TimeSpan.FromDays(30);

    /// <summary>The oldest publication date of a captured article.</summary>
    private static readonly DateTimeOffset ArchiveStart = new(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan TehranOffset = new(3, 30, 0);

    private static readonly string[] EnglishSections =
    [
        "Foreign Policy", "IFP Exclusive", "Politics", "Economy", "Society", "Culture",
        "Sports", "Science & Technology", "Energy", "Middle East", "World", "Interviews",
    ];

    private static readonly string[] PersianSections = ["سیاست خارجی", "اقتصاد", "جامعه", "ورزش", "فرهنگ و هنر"];

    private static readonly string[] ProvinceSections =
    [
        "Isfahan Province", "Fars Province", "Gilan Province", "Khorasan Razavi", "Mazandaran Province", "Kerman Province",
        "Yazd Province", "Hormozgan Province", "Khuzestan Province", "East Azarbaijan", "Sistan and Baluchestan", "Kurdistan Province",
    ];

    private static readonly Dictionary<string, Topic[]> SectionTopics = new(StringComparer.Ordinal)
    {
        ["Foreign Policy"] = [Topic.Diplomacy],
        ["IFP Exclusive"] = [Topic.Diplomacy, Topic.Politics, Topic.Economy, Topic.Security],
        ["Politics"] = [Topic.Politics],
        ["Economy"] = [Topic.Economy],
        ["Society"] = [Topic.Society],
        ["Culture"] = [Topic.Culture],
        ["Sports"] = [Topic.Sports],
        ["Science & Technology"] = [Topic.Science],
        ["Energy"] = [Topic.Energy],
        ["Middle East"] = [Topic.Diplomacy, Topic.Security],
        ["World"] = [Topic.Diplomacy],
        ["Interviews"] = [Topic.Politics, Topic.Economy, Topic.Culture],
        ["سیاست خارجی"] = [Topic.Diplomacy],
        ["اقتصاد"] = [Topic.Economy],
        ["جامعه"] = [Topic.Society],
        ["ورزش"] = [Topic.Sports],
        ["فرهنگ و هنر"] = [Topic.Culture],
    };

    private static readonly Topic[] AllTopics = Enum.GetValues<Topic>();

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ulong _seed;
    private readonly bool _uniqueSidebars;
    private readonly double[] _sectionCumulative;
    private readonly SitePost[] _pool;
    private readonly string _idFormat;

    /// <param name="uniqueSidebars">
    /// Give every sidebar post of the set its own title and excerpt (as the sidebars of an archive captured over years
    /// do), instead of drawing them from <see cref="Pool"/>; the relative times, and everything else in each capture,
    /// stay exactly as without it.
    /// </param>
    public CaptureSetGenerator(ulong seed, int count, int sectionCount, bool uniqueSidebars = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sectionCount, 1);
        _seed = seed;
        _uniqueSidebars = uniqueSidebars;
        Count = count;
        Sections = SectionNames(sectionCount);

        // Some sections are much bigger than others, as on the real site (Zipf-like weights).
        _sectionCumulative = new double[sectionCount];
        var total = 0.0;
        for (var k = 0; k < sectionCount; k++)
        {
            total += 1.0 / Math.Pow(k + 1, 0.8);
            _sectionCumulative[k] = total;
        }

        for (var k = 0; k < sectionCount; k++)
        {
            _sectionCumulative[k] /= total;
        }

        _pool = BuildPool(seed);
        _idFormat = "D" + Math.Max(6, (count - 1).ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
    }

    public int Count { get; }

    /// <summary>Whether every sidebar post title and excerpt of the set is distinct (<c>--unique-sidebars</c>).</summary>
    public bool UniqueSidebars => _uniqueSidebars;

    /// <summary>The section labels, in order; capture <c>k</c> &lt; their count is in section <c>k</c>.</summary>
    public IReadOnlyList<string> Sections { get; }

    /// <summary>The site's posts, oldest first: the pool the sidebars are drawn from.</summary>
    public IReadOnlyList<SitePost> Pool => _pool;

    /// <summary>
    /// The labels of <paramref name="count"/> sections: English first; from 5 sections on, one of them is Persian
    /// (<c>سیاست خارجی</c>); past 12, more Persian labels, then provinces, then numbered sections.
    /// </summary>
    public static string[] SectionNames(int count)
    {
        if (count <= 4)
        {
            return EnglishSections[..count];
        }

        if (count <= EnglishSections.Length)
        {
            return [.. EnglishSections[..(count - 1)], PersianSections[0]];
        }

        var names = new List<string>(count);
        names.AddRange(EnglishSections);
        names.AddRange(PersianSections.Take(count - names.Count));
        names.AddRange(ProvinceSections.Take(count - names.Count));
        for (var n = names.Count + 1; names.Count < count; n++)
        {
            names.Add($"Section {n}");
        }

        return [.. names];
    }

    public GeneratedCapture Generate(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var rng = Rng.For(_seed, index);
        var fileName = $"{index.ToString(_idFormat, CultureInfo.InvariantCulture)}_{rng.NextUInt64():x16}.txt";

        // Every section gets at least one capture; the rest are drawn by weight.
        var sectionIndex = index < Sections.Count ? index : PickSection(rng.NextDouble());
        var sectionLabel = Sections[sectionIndex];
        var topic = SectionTopics.TryGetValue(sectionLabel, out var topics) ? rng.Pick(topics)
            : sectionLabel.EndsWith("Province", StringComparison.Ordinal) ? Topic.Society
            : rng.Pick(AllTopics);
        var story = TextBank.NewStory(rng, topic);
        var title = TextBank.Headline(rng, story);

        // Times: captured inside the crawl window; published long before (an archive page) or shortly before.
        var captured = CrawlStart.AddSeconds(Math.Floor(rng.NextDouble() * CrawlLength.TotalSeconds));
        DateTimeOffset published;
        if (rng.Chance(0.75))
        {
            var span = (captured - TimeSpan.FromHours(1) - ArchiveStart).TotalSeconds;
            published = ArchiveStart.AddSeconds(Math.Floor(rng.NextDouble() * span));
        }
        else
        {
            published = captured.AddSeconds(-rng.Between(300, 3 * 86_400));
        }

        var sb = new StringBuilder(4096);
        var hasFrontMatter = rng.Chance(0.85);
        if (hasFrontMatter)
        {
            var dateStyle = rng.Next(20);
            if (!HasSeconds(dateStyle))
            {
                // The header is the capture's "now": keep the sidebar's relative times true to what it says.
                captured = TruncateToMinute(captured);
                published = TruncateToMinute(published);
            }

            WriteFrontMatter(sb, rng, story, title, published, captured, dateStyle);
        }

        // Untidy white space in a few captures: the parser folds it away.
        var untidy = rng.Chance(0.05);

        sb.Append(sectionLabel).Append("\n\n");
        sb.Append(title).Append("\n\n");

        var paragraphs = rng.Between(6, 9);
        sb.Append(TextBank.Standfirst(rng, story)).Append("\n\n");
        for (var p = 1; p < paragraphs; p++)
        {
            var paragraph = TextBank.Paragraph(rng, story);
            if (untidy && p == 2)
            {
                paragraph = "  " + paragraph.Replace(". ", ".  ", StringComparison.Ordinal) + " \t";
            }

            sb.Append(paragraph).Append(untidy && p == 3 ? "\n \n\n" : "\n\n");
        }

        // The byline block (name, then a bio naming them), and the page furniture.
        string author;
        string? bio;
        if (rng.Chance(0.6))
        {
            author = TextBank.EditorialStaff;
            bio = TextBank.EditorialStaffBio;
        }
        else
        {
            (author, bio) = TextBank.Reporter(rng);
        }

        if (rng.Chance(0.88))
        {
            sb.Append(author).Append("\n\n").Append(bio).Append("\n\n");
        }

        if (rng.Chance(0.5))
        {
            sb.Append("Share\nPublished by\n").Append(author).Append("\n\n");
        }

        if (rng.Chance(0.97))
        {
            WriteRecentPosts(sb, rng, captured, index);
        }

        // Line ends, byte-order mark and final newline vary as they do between capture tools.
        var text = sb.ToString().TrimEnd('\n');
        if (rng.Chance(0.5))
        {
            text += "\n";
        }

        var lineEnds = rng.NextDouble();
        if (lineEnds < 0.05)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }
        else if (lineEnds < 0.06)
        {
            text = text.Replace('\n', '\r');
        }

        var bom = rng.Chance(0.03);
        var bytes = new byte[(bom ? 3 : 0) + Utf8.GetByteCount(text)];
        if (bom)
        {
            "\uFEFF"u8.CopyTo(bytes);
        }

        Utf8.GetBytes(text, bytes.AsSpan(bom ? 3 : 0));

        // A capture without a header takes its "now" from the file's last-write time, so that is the capture time.
        var lastWrite = hasFrontMatter ? captured.AddSeconds(rng.Between(1, 900)) : captured;
        return new GeneratedCapture(fileName, bytes, lastWrite.UtcDateTime, sectionIndex, hasFrontMatter);
    }

    private int PickSection(double u)
    {
        var i = Array.BinarySearch(_sectionCumulative, u);
        i = i < 0 ? ~i : i;
        return Math.Min(i, _sectionCumulative.Length - 1);
    }

    private static void WriteFrontMatter(
        StringBuilder sb, Rng rng, StoryContext story, string title, DateTimeOffset published, DateTimeOffset captured, int dateStyle)
    {
        var slug = Slug(title);
        sb.Append("---\n");
        sb.Append("url: https://ifpnews.com/").Append(slug).Append("/\n");
        sb.Append("published: ").Append(IsoDate(published, dateStyle)).Append('\n');
        if (rng.Chance(0.2))
        {
            var updated = published.AddSeconds(rng.Between(300, 2 * 86_400));
            if (updated < captured)
            {
                sb.Append("updated: ").Append(IsoDate(updated, dateStyle)).Append('\n');
            }
        }

        sb.Append("captured: ").Append(IsoDate(captured, dateStyle)).Append('\n');
        if (rng.Chance(0.15))
        {
            sb.Append("tags: Iran, ").Append(story.Partner.Name.Replace("the ", string.Empty, StringComparison.Ordinal))
                .Append(", ").Append(story.Field).Append('\n');
        }

        if (rng.Chance(0.1))
        {
            sb.Append("image: https://ifpnews.com/wp-content/uploads/").Append(published.Year).Append('/')
                .Append(published.Month.ToString("D2", CultureInfo.InvariantCulture)).Append('/')
                .Append(slug.Length > 40 ? slug[..40].TrimEnd('-') : slug).Append(".jpg\n");
        }

        if (rng.Chance(0.05))
        {
            sb.Append("capture-tool: page-saver 2.3\n"); // an unknown key: kept and ignored
        }

        sb.Append(rng.Chance(0.7) ? "---\n\n" : "---\n");
    }

    private static bool HasSeconds(int dateStyle) => dateStyle is < 17 or >= 19;

    private static DateTimeOffset TruncateToMinute(DateTimeOffset t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerMinute), t.Offset);

    /// <summary>ISO 8601 in the forms capture tools write: UTC, Tehran time, no offset (UTC), or with milliseconds.</summary>
    private static string IsoDate(DateTimeOffset instant, int style) => style switch
    {
        < 12 => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        < 17 => instant.ToOffset(TehranOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        < 19 => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        _ => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    private void WriteRecentPosts(StringBuilder sb, Rng rng, DateTimeOffset captured, int index)
    {
        // The six newest posts at capture time, newest first.
        var last = LastPostAtOrBefore(captured);
        var shortStyle = rng.Chance(0.2);

        // Unique sidebars draw their words from a stream of their own, so the rest of the capture is unchanged.
        var textRng = _uniqueSidebars ? Rng.For(_seed, -2L - index) : null;
        sb.Append(rng.Chance(0.9) ? "Recent Posts" : "RECENT POSTS").Append("\n\n");
        for (var k = 0; k < 6; k++)
        {
            var post = _pool[last - k];
            var (title, excerpt) = textRng is null ? (post.Title, post.Excerpt) : UniquePost(textRng, (6L * index) + k + 1);
            sb.Append(title).Append("\n\n");
            if (!rng.Chance(0.02))
            {
                sb.Append(excerpt).Append("\n\n");
            }

            var elapsed = (long)(captured - post.Published).TotalSeconds;
            sb.Append(RelativeTimeText.Write(elapsed, shortStyle)).Append("\n\n");
        }
    }

    /// <summary>
    /// A sidebar post of its own: a headline and excerpt from the text bank, as long as the pool's, made distinct
    /// from every other post of the set by its serial number (capture index × 6 + slot + 1).
    /// </summary>
    private static (string Title, string Excerpt) UniquePost(Rng rng, long serial)
    {
        var story = TextBank.NewStory(rng, rng.Pick(AllTopics));
        var number = serial.ToString(CultureInfo.InvariantCulture);
        return ($"{TextBank.Headline(rng, story)} ({number})", $"Report {number}: {TextBank.Excerpt(rng, story)}");
    }

    private int LastPostAtOrBefore(DateTimeOffset instant)
    {
        int lo = 0, hi = _pool.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_pool[mid].Published <= instant)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>The Nowruz holidays inside the crawl window, when the newsroom posts rarely.</summary>
    private static readonly DateTimeOffset HolidayStart = new(2025, 3, 20, 0, 0, 0, TehranOffset), HolidayEnd = new(2025, 3, 24, 0, 0, 0, TehranOffset);

    /// <summary>
    /// The site's posts from 4 days before the crawl to its end: about one every 40 minutes by day, one every two
    /// hours at night (Tehran time), and one every 10 hours over Nowruz, so sidebars say "29 minutes ago",
    /// "3 hours ago" and, over the holidays, "2 days ago".
    /// </summary>
    private static SitePost[] BuildPool(ulong seed)
    {
        var rng = Rng.For(seed, -1);
        var posts = new List<SitePost>(1400);
        var t = CrawlStart - TimeSpan.FromDays(4);
        var end = CrawlStart + CrawlLength;
        while (t <= end)
        {
            var meanGapMinutes = t >= HolidayStart && t < HolidayEnd ? 600 : t.ToOffset(TehranOffset).Hour < 7 ? 120 : 40;
            t = t.AddSeconds(Math.Floor(Math.Max(120, rng.Exponential(meanGapMinutes * 60))));
            var story = TextBank.NewStory(rng, rng.Pick(AllTopics));
            posts.Add(new SitePost(TextBank.Headline(rng, story), TextBank.Excerpt(rng, story), t));
        }

        return [.. posts];
    }

    private static string Slug(string title)
    {
        var sb = new StringBuilder(title.Length);
        var hyphen = false;
        foreach (var c in title)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (hyphen && sb.Length > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else if (c is not ('\'' or '’'))
            {
                hyphen = true;
            }
        }

        return sb.ToString();
    }
}
