using System.Text.Json.Serialization;

namespace IfpFeeds.Publishing;

/// <summary>The answer to a write: the capture's id, its new entity-tag and size, and where its article is.</summary>
public sealed record PublishedCaptureDto(string Id, [property: JsonPropertyName("etag")] string ETag, long Bytes, string Capture, string Article, string Page);
