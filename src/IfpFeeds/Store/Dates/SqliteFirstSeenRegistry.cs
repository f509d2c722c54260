using System.Collections.Concurrent;
using System.Globalization;
using IfpFeeds.Captures;
using IfpFeeds.Configuration;
using Microsoft.Data.Sqlite;

namespace IfpFeeds.Store.Dates;

/// <summary>
/// The first-seen registry in an SQLite file, <c>dates.db</c> under <c>Feeds:DataPath</c>: one row per capture
/// id ever seen (first-seen instant, content hash, when that content was first seen), loaded whole at start and
/// kept in memory; what the readers sight is written in one transaction per snapshot. Rows are never deleted,
/// so a capture deleted and added back keeps its first date. A file that is not a database is moved aside and
/// rebuilt; a file or folder deleted while running is rebuilt from memory on the next write.
/// </summary>
public sealed class SqliteFirstSeenRegistry : IFirstSeenRegistry, IDisposable
{
    public const string FileName = "dates.db";

    private ConcurrentDictionary<string, FirstSeenEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _dirty = new();
    private readonly Lock _gate = new();
    private bool _disposed; // under _gate
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private SqliteConnection? _connection;
    private NewestInstant _newest = new();
    private string? _problem;

    /// <summary>Opens (or creates) the registry in <paramref name="folder"/> and loads it.</summary>
    /// <exception cref="DataPathUnavailableException">The folder or the file cannot be created or written.</exception>
    public SqliteFirstSeenRegistry(string folder, TimeProvider time, ILogger<SqliteFirstSeenRegistry> logger)
    {
        _logger = logger;
        _time = time;
        Folder = folder;
        Location = System.IO.Path.Combine(folder, FileName);
        try
        {
            _connection = Open(moveAsideIfUnreadable: true);
            Load(_connection);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            _connection?.Dispose();
            throw new DataPathUnavailableException(
                $"Feeds:DataPath '{folder}' cannot hold the first-seen registry {FileName}: {Reason(ex)}. Give the service a " +
                $"writable folder there, or set Feeds:DatesFrom={FeedsOptions.FileTimeDates} to date captures by their file times.", ex);
        }

        DatesLog.Opened(_logger, Location, _entries.Count);
    }

    public string Folder { get; }

    /// <summary>The registry's file.</summary>
    public string Location { get; }

    public DateTimeOffset? Newest => _newest.Value;

    /// <summary>Never raised: this registry's dates only change with content.</summary>
    public event Action<IReadOnlyList<string>>? Redated
    {
        add { }
        remove { }
    }

    public FirstSeenStatus Status => new(FeedsOptions.FirstSeenDates, Location, _entries.Count, Volatile.Read(ref _problem));

    public CaptureDates Sight(string id, UInt128 contentHash, DateTimeOffset lastWrite)
    {
        var seen = CaptureDates.WholeSeconds(lastWrite).ToUnixTimeSeconds();
        FirstSeenEntry entry;
        if (_entries.TryGetValue(id, out var known))
        {
            if (known.Hash == contentHash)
            {
                return known.Dates;
            }

            // New content: dated when first seen, never before the content it replaces (a copy with an old file time).
            entry = known with { Hash = contentHash, ContentChanged = Math.Max(seen, known.ContentChanged + 1) };
        }
        else
        {
            entry = new FirstSeenEntry(seen, contentHash, seen);
        }

        _entries[id] = entry;
        _dirty.Enqueue(id);
        _newest.Raise(entry.ContentChanged);
        return entry.Dates;
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return; // stopped: a late flush (the store's loop finishing a pass) must not recreate a deleted folder
            }

            try
            {
                if (_connection is null || !File.Exists(Location))
                {
                    // Lost (the folder or the file deleted, or the last write failed): rebuild from memory.
                    _connection?.Dispose();
                    _connection = null;
                    _connection = Open(moveAsideIfUnreadable: true);
                    _dirty.Clear();
                    Write(_connection, _entries.Keys.ToList());
                    DatesLog.Rebuilt(_logger, Location, _entries.Count);
                }
                else if (!_dirty.IsEmpty)
                {
                    var ids = new List<string>(_dirty.Count);
                    while (_dirty.TryDequeue(out var id))
                    {
                        ids.Add(id);
                    }

                    Write(_connection, ids);
                }

                Volatile.Write(ref _problem, null);
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
            {
                // Kept in memory; the next flush reopens and writes everything.
                var reason = Reason(ex);
                if (Volatile.Read(ref _problem) != reason)
                {
                    DatesLog.WriteFailed(_logger, Location, reason);
                }

                Volatile.Write(ref _problem, reason);
                _connection?.Dispose();
                _connection = null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Open(bool moveAsideIfUnreadable)
    {
        Directory.CreateDirectory(Folder);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            FirstSeenTable.Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");

            // A write at once, so that a read-only file or folder is found at start, not at the first change.
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = Convert.ToInt64(FirstSeenTable.Scalar(connection, "PRAGMA user_version", transaction), CultureInfo.InvariantCulture);
            var tables = Convert.ToInt64(FirstSeenTable.Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", transaction), CultureInfo.InvariantCulture);
            if (tables > 0 && version != FirstSeenTable.SchemaVersion)
            {
                throw new InvalidDataException($"it holds another layout (user_version {version}, this service writes {FirstSeenTable.SchemaVersion})");
            }

            FirstSeenTable.Execute(connection, FirstSeenTable.Schema, transaction);
            FirstSeenTable.Execute(connection, $"PRAGMA user_version = {FirstSeenTable.SchemaVersion}", transaction);
            transaction.Commit();
            return connection;
        }
        catch (Exception ex) when (moveAsideIfUnreadable && ex is InvalidDataException or SqliteException { SqliteErrorCode: 11 or 26 }) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            connection.Dispose();
            var aside = $"{Location}.unreadable-{_time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
            File.Move(Location, aside, overwrite: true);
            foreach (var suffix in (string[])["-wal", "-shm"])
            {
                File.Delete(Location + suffix);
            }

            DatesLog.MovedAside(_logger, Location, ex.Message, aside);
            return Open(moveAsideIfUnreadable: false);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Load(SqliteConnection connection)
    {
        var rows = FirstSeenTable.ReadAll(connection);

        // Built whole, at its size: growing a concurrent dictionary row by row costs more than reading the rows.
        _entries = new ConcurrentDictionary<string, FirstSeenEntry>(Environment.ProcessorCount, rows, StringComparer.Ordinal);
        _newest.Raise(rows.Count == 0 ? long.MinValue : rows.Max(r => r.Value.ContentChanged));
    }

    private void Write(SqliteConnection connection, List<string> ids) =>
        FirstSeenTable.Write(connection, [.. ids.Where(_entries.ContainsKey).Select(id => new KeyValuePair<string, FirstSeenEntry>(id, _entries[id]))]);

    private static string Reason(Exception ex) => ex is SqliteException sqlite ? $"SQLite error {sqlite.SqliteErrorCode}: {sqlite.Message.TrimEnd('.')}" : ex.Message.TrimEnd('.');
}
