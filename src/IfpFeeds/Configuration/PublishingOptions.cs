using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace IfpFeeds.Configuration;

/// <summary>The <c>Feeds:Publishing</c> options: who may write captures over HTTP, and how often.</summary>
public sealed partial class PublishingOptions
{
    /// <summary>
    /// The publishing keys by name (<c>Feeds:Publishing:Keys:newsroom</c> = the key's SHA-256 hash, 64 hex digits).
    /// Only hashes are configured; the name goes into the audit log. None: publishing is off (its routes do not exist).
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes (PUT and DELETE) one key may make per minute (default 120); 0 turns the limit off.</summary>
    [Range(0, 1_000_000)]
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>Whether <paramref name="name"/> may name a key (it goes into configuration keys and the audit log): 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsValidKeyName(string name) => KeyName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex KeyName();
}
