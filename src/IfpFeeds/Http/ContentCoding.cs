namespace IfpFeeds.Http;

/// <summary>The content codings a cached representation is kept in.</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}
