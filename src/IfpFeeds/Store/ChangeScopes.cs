namespace IfpFeeds.Store;

/// <summary>
/// The names of the parts of a snapshot that change independently: each section (<c>section/{slug}</c>), tag
/// (<c>tag/{slug}</c>) and author (<c>author/{slug}</c>), and everything (<c>all</c>: any article or section). A cached
/// answer depends on the one it shows; a new snapshot invalidates the names whose version moved (see
/// <see cref="ArticleSnapshot.ContentVersion"/>, <see cref="Section.Version"/>). They are also the answers'
/// <c>Surrogate-Key</c> (and <c>Cache-Tag</c>), what a CDN purges by.
/// </summary>
public static class ChangeScopes
{
    /// <summary>Changes with any article: the <c>all</c> feeds, lists, the home page, the digest.</summary>
    public const string Everything = "all";

    /// <summary>Changes with the articles of <paramref name="section"/> only.</summary>
    public static string Of(Section section) => section.Scope;
}
