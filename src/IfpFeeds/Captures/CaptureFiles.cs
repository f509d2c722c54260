namespace IfpFeeds.Captures;

/// <summary>Which files of the articles folder are captures, and the id rule (ARTICLE-FORMAT.md, "Files").</summary>
public static class CaptureFiles
{
    /// <summary>The extension of a capture; anything else is ignored.</summary>
    public const string Extension = ".txt";

    /// <summary>The longest id a capture may have.</summary>
    public const int MaxIdLength = 128;

    /// <summary>
    /// True for a file name the service reads: <c>*.txt</c>, not hidden. Everything else (hidden files,
    /// <c>*.tmp</c>, editor swap files) is ignored, reported nowhere.
    /// </summary>
    public static bool IsCandidate(ReadOnlySpan<char> fileName) =>
        fileName.Length > Extension.Length
        && fileName[0] != '.'
        && fileName.EndsWith(Extension, StringComparison.Ordinal)
        && fileName.IndexOfAny('/', '\\') < 0;

    /// <summary>The id of a candidate file: its name without <see cref="Extension"/>.</summary>
    public static string IdOf(string fileName) => fileName[..^Extension.Length];

    /// <summary>A safe id: only ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; 1 to 128 characters.</summary>
    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
