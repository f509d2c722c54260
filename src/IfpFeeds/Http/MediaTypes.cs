namespace IfpFeeds.Http;

/// <summary>
/// The media types the service serves and links to, each written once. <see cref="ContentTypes"/> has the
/// Content-Type header values (the same, with the charset).
/// </summary>
public static class MediaTypes
{
    /// <summary>RSS 2.0 (in common use; never registered).</summary>
    public const string Rss = "application/rss+xml";

    /// <summary>Atom 1.0, RFC 4287 §7.</summary>
    public const string Atom = "application/atom+xml";

    /// <summary>JSON Feed 1.1, §"Suggestions for Publishers".</summary>
    public const string JsonFeed = "application/feed+json";

    /// <summary>OPML 2.0.</summary>
    public const string Opml = "text/x-opml";

    public const string Json = "application/json";

    public const string Html = "text/html";

    public const string Css = "text/css";

    public const string JavaScript = "text/javascript";

    /// <summary>Sitemaps (sitemaps.org).</summary>
    public const string Xml = "application/xml";

    public const string Png = "image/png";

    public const string Icon = "image/x-icon";

    /// <summary><c>robots.txt</c>.</summary>
    public const string Text = "text/plain";
}
