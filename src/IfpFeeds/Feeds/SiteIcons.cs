using IfpFeeds.Configuration;
using IfpFeeds.Http;

namespace IfpFeeds.Feeds;

/// <summary>
/// The site's icons in feeds and pages: <c>Feeds:IconUrl</c> and <c>Feeds:LogoUrl</c> when set, else the icons the
/// service ships and serves itself (<c>/icon-64.png</c>, <c>/icon-512.png</c>, <c>/favicon.ico</c>).
/// </summary>
public static class SiteIcons
{
    public const string SmallPath = "icon-64.png", LargePath = "icon-512.png", FaviconPath = "favicon.ico";

    /// <summary>The small square icon (64 × 64).</summary>
    public static Uri Small(FeedsOptions options, Uri baseUrl) => options.IconUrl is { Length: > 0 } url ? new Uri(url) : PublicUrls.Path(baseUrl, SmallPath);

    /// <summary>The large square image (512 × 512).</summary>
    public static Uri Large(FeedsOptions options, Uri baseUrl) => options.LogoUrl is { Length: > 0 } url ? new Uri(url) : PublicUrls.Path(baseUrl, LargePath);
}
