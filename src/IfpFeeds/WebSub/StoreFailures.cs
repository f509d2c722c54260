namespace IfpFeeds.WebSub;

/// <summary>What the hub's store throws when it cannot be used (SQLite, the file system, or a fleet's Redis, which reports as an <see cref="IOException"/>).</summary>
internal static class StoreFailures
{
    /// <summary>Whether <paramref name="ex"/> says the store is unusable now, rather than a defect.</summary>
    public static bool Is(Exception ex) => ex is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException;
}
