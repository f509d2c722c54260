using System.Security.Cryptography;
using System.Text;
using IfpFeeds.Feeds;

namespace IfpFeeds.Digest;

/// <summary>A digest post's ids: from its folded title, the one thing that identifies it across captures.</summary>
public static class DigestPostIds
{
    /// <summary>Its feed item id, a tag: URI.</summary>
    public static string TagUri(string key) => TagUris.For("recent:" + Anchor(key));

    /// <summary>A short stable hash of the folded title, usable as an id and as a URL fragment.</summary>
    public static string Anchor(string key) => "p" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 8));
}
