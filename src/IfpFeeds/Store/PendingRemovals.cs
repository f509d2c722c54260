namespace IfpFeeds.Store;

/// <summary>
/// Removal grace: captures deleted while the store watches leave only once deletions have been quiet for
/// <see cref="Grace"/> and the source is still there, so a folder being deleted keeps its last good snapshot.
/// Used from the store's thread alone.
/// </summary>
internal sealed class PendingRemovals(ICaptureSource source, TimeProvider time)
{
    /// <summary>How long deletions must have been quiet before deleted captures leave the snapshot.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(300);

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private DateTimeOffset _lastAt;

    /// <summary>When the grace of the held-back deletions ends; null when none is held back.</summary>
    public DateTimeOffset? Due => _names.Count > 0 ? _lastAt + Grace : null;

    /// <summary>Holds back <paramref name="name"/>'s deletion, seen at <paramref name="now"/>.</summary>
    public void Add(string name, DateTimeOffset now)
    {
        _names.Add(name);
        _lastAt = now;
    }

    /// <summary>Forgets a held-back deletion: the file is back.</summary>
    public void Cancel(string name) => _names.Remove(name);

    /// <summary>
    /// Once deletions have been quiet and the source is still there, hands each held-back name that is still gone to
    /// <paramref name="remove"/> (which says whether it removed anything) and forgets them all. True when any was removed.
    /// </summary>
    public bool Apply(Func<string, bool> remove)
    {
        if (_names.Count == 0 || time.GetUtcNow() - _lastAt < Grace || !source.IsAvailable)
        {
            return false;
        }

        var any = false;
        foreach (var name in _names)
        {
            if (IsGone(name))
            {
                any |= remove(name);
            }
        }

        _names.Clear();
        return any;
    }

    private bool IsGone(string name)
    {
        try
        {
            return source.Stat(name) is null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // still there, only unreadable: the next look decides
        }
    }
}
