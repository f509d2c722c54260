using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IfpFeeds.Captures;

namespace IfpFeeds.Store;

/// <summary>
/// Everything the service knows at one moment, immutable and replaced whole on change, so a reader
/// never sees a half-built state and never takes a lock.
/// </summary>
public sealed class ArticleSnapshot
{
    /// <summary>From this many articles on, a snapshot's indexes are built in parallel.</summary>
    private const int ParallelThreshold = 2048;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // the sort of a whole start calls it n log n times at once
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
        var (all, scheduled) = Order(articles, createdAt);
        Dictionary<string, Article> byId = null!;
        ImmutableArray<Section> sections = default;
        ArticleGroupIndex tags = null!, authors = null!;
        void ById() => byId = ByIdOf(all);
        void Sections() => sections = SectionsOf(all, previous);
        void Tags() => tags = ArticleGroupIndex.Tags(all, previous?.Tags);
        void Authors() => authors = ArticleGroupIndex.Authors(all, previous?.Authors);
        if (all.Length >= ParallelThreshold)
        {
            Parallel.Invoke(Sections, Tags, Authors, ById); // independent indexes of one sorted array
        }
        else
        {
            Sections();
            Tags();
            Authors();
            ById();
        }

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
            (tags, authors),
            [.. rejected.OrderBy(r => r.FileName, StringComparer.Ordinal)],
            ImmutableArray.Create(scheduled),
            emptyDate ?? createdAt,
            status,
            statusReason,
            createdAt,
            version,
            unchanged ? previous!.ContentVersion : ContentVersions.Of(ChangeScopes.Everything, newestFirst, all.Length > 0 ? 0 : (emptyDate ?? createdAt).UtcTicks),
            status == StoreStatus.Healthy || previous?.HasLoaded == true);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<string, Article> ByIdOf(Article[] all)
    {
        var byId = new Dictionary<string, Article>(all.Length, StringComparer.Ordinal);
        foreach (var article in all)
        {
            byId.Add(article.Id, article);
        }

        return byId;
    }

    /// <summary>The visible articles newest first, and the scheduled ones (published after <paramref name="createdAt"/>) soonest first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a start runs it once, before tiering has caught up (bench/README.md)
    private static (Article[] NewestFirst, Article[] Scheduled) Order(IReadOnlyCollection<Article> articles, DateTimeOffset createdAt)
    {
        var visible = new List<Article>(articles.Count);
        var scheduled = new List<Article>();
        foreach (var article in articles)
        {
            (article.Published > createdAt ? scheduled : visible).Add(article);
        }

        var all = visible.ToArray();
        Array.Sort(all, NewestFirst);
        var soonestFirst = scheduled.ToArray();
        Array.Sort(soonestFirst, static (a, b) => a.Published != b.Published ? a.Published.CompareTo(b.Published) : string.CompareOrdinal(a.Id, b.Id));
        return (all, soonestFirst);
    }

    /// <summary>The sections of <paramref name="newestFirst"/> in slug order, each with its articles newest first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImmutableArray<Section> SectionsOf(Article[] newestFirst, ArticleSnapshot? previous)
    {
        var bySlug = new Dictionary<string, (List<Article> Articles, Dictionary<string, int> Labels)>(StringComparer.Ordinal);
        foreach (var article in newestFirst)
        {
            ref var section = ref CollectionsMarshal.GetValueRefOrAddDefault(bySlug, article.SectionSlug, out var exists);
            if (!exists)
            {
                section = ([], new Dictionary<string, int>(StringComparer.Ordinal));
            }

            section.Articles.Add(article);
            CollectionsMarshal.GetValueRefOrAddDefault(section.Labels, article.Section, out _)++;
        }

        var slugs = bySlug.Keys.ToArray();
        Array.Sort(slugs, StringComparer.Ordinal);
        var sections = ImmutableArray.CreateBuilder<Section>(slugs.Length);
        foreach (var slug in slugs)
        {
            var (sectionArticles, labels) = bySlug[slug];
            sections.Add(VersionedSection(slug, LabelCounts.MostCommon(labels), [.. sectionArticles], previous));
        }

        return sections.MoveToImmutable();
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
}
