using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace IfpFeeds.Digest;

/// <summary>One post as the JSON and HTML digests show it at one moment.</summary>
/// <param name="Url">The post's link where known (it is a captured article); omitted otherwise.</param>
/// <param name="Anchor">The post's fragment id on the /recent page (the digest feed links to it).</param>
public sealed record RecentPostView(
    string Title,
    string? Excerpt,
    string Ago,
    DateTimeOffset EstimatedAt,
    double UncertaintySeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    ImmutableArray<string> SeenIn,
    [property: JsonIgnore] string Anchor);
