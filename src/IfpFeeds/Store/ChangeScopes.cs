namespace IfpFeeds.Store;

/// <summary>
/// The names of the parts of a snapshot that change independently: each section (its slug) and everything
/// (any article or section). A cached answer depends on the one it shows; a new snapshot invalidates the
/// names whose version moved (see <see cref="ArticleSnapshot.ContentVersion"/>, <see cref="Section.Version"/>).
/// </summary>
public static class ChangeScopes
{
    /// <summary>Changes with any article: the <c>all</c> feeds, lists, the home page, the digest.</summary>
    public const string Everything = "*";

    /// <summary>Changes with the articles of <paramref name="section"/> only (a slug is never <see cref="Everything"/>).</summary>
    public static string Of(Section section) => section.Slug;
}
