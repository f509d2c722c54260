using System.Collections.Frozen;
using System.Collections.Immutable;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// Everything the service knows at one moment, immutable and replaced whole on change, so a reader
/// never sees a half-built state and never takes a lock.
/// </summary>
public sealed class ArticleSnapshot
{
    private readonly Dictionary<string, Article> _byId;

    private ArticleSnapshot(
        Dictionary<string, Article> byId,
        ImmutableArray<Article> newestFirst,
        FrozenDictionary<string, Section> sectionsBySlug,
        ImmutableArray<Section> sections,
        (ArticleGroupIndex Tags, ArticleGroupIndex Authors) groups,
        ImmutableArray<CaptureRejection> rejected,
        ImmutableArray<Article> scheduled,
        DateTimeOffset emptyDate,
        StoreStatus status,
        string? statusReason,
        DateTimeOffset createdAt,
        long version,
        long contentVersion,
        bool hasLoaded)
    {
        _byId = byId;
        HasLoaded = hasLoaded;
        ContentVersion = contentVersion;
        LastUpdated = newestFirst.IsEmpty ? emptyDate : Section.LastUpdatedOf(newestFirst);
        EmptyDate = emptyDate;
        Scheduled = scheduled;
        Articles = newestFirst;
        SectionsBySlug = sectionsBySlug;
        Sections = sections;
        Tags = groups.Tags;
        Authors = groups.Authors;
        Rejected = rejected;
        Status = status;
        StatusReason = statusReason;
        CreatedAt = createdAt;
        Version = version;
    }

    /// <summary>An empty snapshot, before the first load.</summary>
    public static ArticleSnapshot Empty { get; } = Build([], [], StoreStatus.Degraded, "not loaded yet", DateTimeOffset.UnixEpoch, 0, previous: null);

    /// <summary>Every article published by <see cref="CreatedAt"/>, newest first (publication time, then id).</summary>
    public ImmutableArray<Article> Articles { get; }

    /// <summary>Sections by slug.</summary>
    public FrozenDictionary<string, Section> SectionsBySlug { get; }

    /// <summary>Every section, in slug order.</summary>
    public ImmutableArray<Section> Sections { get; }

    /// <summary>Every tag, with its articles.</summary>
    public ArticleGroupIndex Tags { get; }

    /// <summary>Every author, with their articles.</summary>
    public ArticleGroupIndex Authors { get; }

    /// <summary>Every rejected capture, in file-name order.</summary>
    public ImmutableArray<CaptureRejection> Rejected { get; }

    public StoreStatus Status { get; }

    /// <summary>Why the status is degraded; null when healthy.</summary>
    public string? StatusReason { get; }

    /// <summary>When this snapshot was published.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Grows by one with each snapshot the store publishes.</summary>
    public long Version { get; }

    /// <summary>The snapshot version in which any article or section last changed (not only the status).</summary>
    public long ContentVersion { get; }

    /// <summary>
    /// Whether the captures were ever read: false only while the source has been missing since the start, when
    /// there is nothing to serve (a degraded snapshot that keeps the last good articles is still loaded).
    /// </summary>
    public bool HasLoaded { get; }

    /// <summary>The newest updated time of any article; with none, <see cref="EmptyDate"/>.</summary>
    public DateTimeOffset LastUpdated { get; }

    /// <summary>The date of what has no article to date it (an empty feed), stable across restarts: the store's choice
    /// (the newest instant the first-seen registry holds, else the folder's write time), never "now".</summary>
    public DateTimeOffset EmptyDate { get; }

    /// <summary>Scheduled posts: captures published after <see cref="CreatedAt"/>, soonest first; shown nowhere until then.</summary>
    public ImmutableArray<Article> Scheduled { get; }

    /// <summary>When the next scheduled post is due (the store publishes a snapshot then); null when none is.</summary>
    public DateTimeOffset? NextScheduledAt => Scheduled.IsEmpty ? null : Scheduled[0].Published;

    public bool TryGetArticle(string id, out Article article) => _byId.TryGetValue(id, out article!);

    /// <summary>Orders articles newest first: publication time descending, then id (deterministic).</summary>
    public static int NewestFirst(Article a, Article b)
    {
        var byDate = b.Published.CompareTo(a.Published);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// Builds a snapshot from parsed articles (ids unique) and rejections. A section whose articles are the
    /// same objects, in the same order, as in <paramref name="previous"/> keeps its version, so caches of
    /// untouched sections survive a change elsewhere.
    /// </summary>
    public static ArticleSnapshot Build(
        IReadOnlyCollection<Article> articles,
        IEnumerable<CaptureRejection> rejected,
        StoreStatus status,
        string? statusReason,
        DateTimeOffset createdAt,
        long version,
        ArticleSnapshot? previous = null,
        DateTimeOffset? emptyDate = null)
    {
        var visible = new List<Article>(articles.Count);
        var scheduled = new List<Article>();
        foreach (var article in articles)
        {
            (article.Published > createdAt ? scheduled : visible).Add(article);
        }

        var all = visible.ToArray();
        Array.Sort(all, NewestFirst);
        var byId = new Dictionary<string, Article>(all.Length, StringComparer.Ordinal);
        foreach (var article in all)
        {
            byId.Add(article.Id, article);
        }

        scheduled.Sort((a, b) => a.Published != b.Published ? a.Published.CompareTo(b.Published) : string.CompareOrdinal(a.Id, b.Id));

        // Grouping the sorted list keeps each section's articles newest first.
        var sections = all
            .GroupBy(a => a.SectionSlug, StringComparer.Ordinal)
            .Select(g => VersionedSection(g.Key, MostCommonLabel(g), [.. g], previous))
            .OrderBy(s => s.Slug, StringComparer.Ordinal)
            .ToImmutableArray();

        var unchanged = previous is not null
            && previous.Sections.Length == sections.Length
            && sections.All(s => previous.SectionsBySlug.TryGetValue(s.Slug, out var before) && ReferenceEquals(before, s))
            && (all.Length > 0 || previous.EmptyDate == (emptyDate ?? createdAt)); // an empty feed's date is content too
        var newestFirst = ImmutableArray.Create(all);

        return new ArticleSnapshot(
            byId,
            newestFirst,
            sections.ToFrozenDictionary(s => s.Slug, StringComparer.Ordinal),
            sections,
            (ArticleGroupIndex.Tags(all, previous?.Tags), ArticleGroupIndex.Authors(all, previous?.Authors)),
            [.. rejected.OrderBy(r => r.FileName, StringComparer.Ordinal)],
            [.. scheduled],
            emptyDate ?? createdAt,
            status,
            statusReason,
            createdAt,
            version,
            unchanged ? previous!.ContentVersion : ContentVersions.Of(ChangeScopes.Everything, newestFirst, all.Length > 0 ? 0 : (emptyDate ?? createdAt).UtcTicks),
            status == StoreStatus.Healthy || previous?.HasLoaded == true);
    }

    private static Section VersionedSection(string slug, string name, ImmutableArray<Article> articles, ArticleSnapshot? previous)
    {
        if (previous is not null
            && previous.SectionsBySlug.TryGetValue(slug, out var before)
            && before.Name == name
            && Section.SameArticles(before.Articles, articles))
        {
            return before;
        }

        return new Section(slug, name, articles, ContentVersions.Of(name, articles));
    }

    /// <summary>The same snapshot with another status (the folder vanished or came back).</summary>
    public ArticleSnapshot WithStatus(StoreStatus status, string? reason, DateTimeOffset createdAt, long version) =>
        new(_byId, Articles, SectionsBySlug, Sections, (Tags, Authors), Rejected, Scheduled, EmptyDate, status, reason, createdAt, version, ContentVersion, HasLoaded);

    private static string MostCommonLabel(IEnumerable<Article> articles) =>
        articles
            .GroupBy(a => a.Section, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
}
