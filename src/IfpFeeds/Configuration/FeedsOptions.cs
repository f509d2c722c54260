using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace IfpFeeds.Configuration;

/// <summary>The <c>Feeds</c> configuration section. Defaults live here; appsettings and environment override.</summary>
public sealed class FeedsOptions
{
    public const string SectionName = "Feeds";

    /// <summary>The folder of captures; a relative path is taken from the content root.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ArticlesPath { get; set; } = "articles";

    /// <summary>
    /// The public base URL (e.g. <c>https://feeds.example.com/</c>) used to build absolute links. Set it in
    /// production; when unset, links are built from the request's own scheme and host.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>The site's small icon (square, ~64 px: Atom <c>icon</c>, JSON Feed <c>favicon</c>); unset: the service's own <c>/icon-64.png</c>.</summary>
    public string? IconUrl { get; set; }

    /// <summary>The site's large image (square, 512 px: RSS <c>image</c>, Atom <c>logo</c>, JSON Feed <c>icon</c>); unset: the service's own <c>/icon-512.png</c>.</summary>
    public string? LogoUrl { get; set; }

    /// <summary>The site's name, used in feed and page titles.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(200)]
    public string SiteTitle { get; set; } = "Iran Front Page";

    /// <summary>The language of the captures (BCP 47), e.g. <c>en</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", ErrorMessage = "Feeds:Language must be a BCP 47 tag such as 'en' or 'fa-IR'.")]
    public string Language { get; set; } = "en";

    /// <summary>
    /// The language of a section's feeds and pages by slug (<c>Feeds:SectionLanguages:economy=fa</c>), where the
    /// detected one (Arabic script: <c>fa</c>; else <see cref="Language"/>) is not right.
    /// </summary>
    public Dictionary<string, string> SectionLanguages { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A capture larger than this is rejected unread (default 2 MB).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCaptureBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>A burst of file events is gathered until this long passes without one (default 100 ms).</summary>
    [Range(0, 10_000)]
    public int DebounceMilliseconds { get; set; } = 100;

    /// <summary>
    /// A file is read only once it has not been written for this long (default 250 ms), so a capture caught
    /// mid-write is retried rather than served half-written.
    /// </summary>
    [Range(0, 10_000)]
    public int SettleMilliseconds { get; set; } = 250;

    /// <summary>The in-memory cache of rendered responses holds at most this many bytes (default 64 MB).</summary>
    [Range(1024, long.MaxValue)]
    public long CacheSizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary><c>Cache-Control: max-age</c> of feeds, pages and the API (default 300 s).</summary>
    [Range(0, 31_536_000)]
    public int CacheMaxAgeSeconds { get; set; } = 300;

    /// <summary><c>stale-while-revalidate</c> for CDNs (default 60 s).</summary>
    [Range(0, 31_536_000)]
    public int StaleWhileRevalidateSeconds { get; set; } = 60;

    /// <summary>
    /// <c>Cache-Control: s-maxage</c>, how long a shared cache (a CDN) may keep an answer (default: the same as
    /// <see cref="CacheMaxAgeSeconds"/>); longer makes sense with purges by <c>Surrogate-Key</c>.
    /// </summary>
    [Range(0, 31_536_000)]
    public int? SharedMaxAgeSeconds { get; set; }

    /// <summary><c>stale-if-error</c> (RFC 5861 §4): how long a cache may serve a stale answer while the service errs or is unreachable (default 1 day).</summary>
    [Range(0, 31_536_000)]
    public int StaleIfErrorSeconds { get; set; } = 86_400;

    /// <summary>Metrics export: <c>Feeds:Metrics:Prometheus=true</c> serves <c>GET /metrics</c> (off by default).</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>The publishing API (<c>PUT /api/captures/{id}</c>), off until a key is configured.</summary>
    public PublishingOptions Publishing { get; set; } = new();

    /// <summary>WebSub: the built-in hub and external hubs.</summary>
    public WebSubOptions WebSub { get; set; } = new();

    /// <summary>Per-client-address rate limiting, off by default.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// The service's own data folder (default <c>data</c>; a relative path is taken from the content root): the
    /// first-seen registry (<c>dates.db</c>, SQLite) lives there. Created on first start; must be writable unless
    /// <see cref="DatesFrom"/> is <c>file-time</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "data";

    /// <summary>
    /// Where a capture without date front matter takes its dates: <c>first-seen</c> (the default: when the service
    /// first saw it, kept in <see cref="DataPath"/>, so no <c>touch</c>, copy or redeploy moves them) or
    /// <c>file-time</c> (its file's last-write time, for a read-only deployment: dates move when file times do).
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^(first-seen|file-time)$", ErrorMessage = "Feeds:DatesFrom must be 'first-seen' or 'file-time'.")]
    public string DatesFrom { get; set; } = FirstSeenDates;

    /// <summary>The values of <see cref="DatesFrom"/>.</summary>
    public const string FirstSeenDates = "first-seen", FileTimeDates = "file-time";

    /// <summary>How often the whole folder is re-checked as a safety net for missed events (default 60 s).</summary>
    [Range(1, 86_400)]
    public int RescanSeconds { get; set; } = 60;
}
