namespace IfpFeeds.Http;

/// <summary>The Content-Type header values of the service's answers: every text is UTF-8, and says so.</summary>
public static class ContentTypes
{
    private const string Utf8 = "; charset=utf-8";

    public const string Rss = MediaTypes.Rss + Utf8;

    public const string Atom = MediaTypes.Atom + Utf8;

    public const string JsonFeed = MediaTypes.JsonFeed + Utf8;

    public const string Opml = MediaTypes.Opml + Utf8;

    public const string Json = MediaTypes.Json + Utf8;

    public const string Html = MediaTypes.Html + Utf8;

    public const string Css = MediaTypes.Css + Utf8;

    public const string JavaScript = MediaTypes.JavaScript + Utf8;
    public const string Xml = MediaTypes.Xml + Utf8;
    public const string Text = MediaTypes.Text + Utf8;
}
