using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IfpFeeds.Publishing;

/// <summary>
/// The publishing keys, held only as their SHA-256 hashes (<c>Feeds:Publishing:Keys:{name}</c>). A request's bearer key
/// is hashed and compared with every configured hash in constant time (no early exit, so the time taken says nothing
/// about which key, or how much of one, matched). A key is 32 random bytes: no rate limit is needed against guessing.
/// </summary>
public sealed class PublishingKeys
{
    /// <summary>How every key this service makes begins, so a leaked one is easy to recognise (and to scan for).</summary>
    public const string Prefix = "ifp_";

    /// <summary>Longer bearer values are not keys this service made; they are refused unhashed.</summary>
    private const int MaxKeyLength = 256;

    private readonly (string Name, byte[] Hash)[] _keys;

    public PublishingKeys(IOptions<FeedsOptions> options) =>
        _keys = [.. options.Value.Publishing.Keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, Convert.FromHexString(k.Value)))];

    /// <summary>Whether publishing is on (a key is configured).</summary>
    public bool Enabled => _keys.Length > 0;

    /// <summary>
    /// The name of the key that <paramref name="authorization"/> (<c>Bearer &lt;key&gt;</c>, one header) presents; null when
    /// there is none, or it is not a configured key.
    /// </summary>
    public string? Authenticate(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = value.AsSpan(7).Trim();
        if (key.IsEmpty || key.Length > MaxKeyLength)
        {
            return null;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], hash);
        string? match = null;
        foreach (var (name, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = name; // no break: every key is compared, whichever matches
            }
        }

        return match;
    }

    /// <summary>A new key: <see cref="Prefix"/> and 32 random bytes, base64url.</summary>
    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash of <paramref name="key"/> as it is configured: SHA-256 of its UTF-8, 64 lower-case hex digits.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
