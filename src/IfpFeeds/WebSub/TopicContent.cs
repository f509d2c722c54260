namespace IfpFeeds.WebSub;

/// <summary>A topic's body as the hub pushes it: the bytes a GET of the topic gets, its content type and its <c>Link</c> header.</summary>
/// <param name="ETag">The body's entity-tag (identity coding): what the hub compares to tell a change.</param>
/// <param name="Link">The topic's <c>Link</c> header, its hubs and rel=self, as its GET sends it.</param>
public sealed record TopicContent(string Topic, ReadOnlyMemory<byte> Body, string ContentType, string Link, string ETag);
