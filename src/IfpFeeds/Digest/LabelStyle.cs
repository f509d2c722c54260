namespace IfpFeeds.Digest;

/// <summary>The two label styles of the source site's sidebar (ARTICLE-FORMAT.md, "Relative times").</summary>
#pragma warning disable CA1720 // "long" and "short" are the spec's names of the styles
public enum LabelStyle
{
    Long,
    Short,
}
#pragma warning restore CA1720
