using Microsoft.Data.Sqlite;

namespace IfpFeeds.WebSub;

/// <summary>
/// <see cref="ISubscriptionStore"/> in one SQLite file (<c>websub.db</c> under <c>Feeds:DataPath</c>), WAL, each change
/// one transaction. Times are whole Unix seconds. One connection, used under a lock: the hub's writes are few (a
/// subscription, a verification, a failed delivery), and reads are per change, not per request. The file is made by the
/// first write (a subscription request): until then every read finds nothing, so a service nobody subscribes to writes
/// nothing under <c>Feeds:DataPath</c>.
/// </summary>
public sealed class SqliteSubscriptionStore : ISubscriptionStore
{
    public const string FileName = "websub.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS subscriptions (topic TEXT NOT NULL, callback TEXT NOT NULL, secret TEXT, expires_at INTEGER NOT NULL,
            PRIMARY KEY (topic, callback)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS intents (topic TEXT NOT NULL, callback TEXT NOT NULL, subscribe INTEGER NOT NULL, secret TEXT,
            lease_seconds INTEGER NOT NULL, requested_at INTEGER NOT NULL, PRIMARY KEY (topic, callback)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS retries (topic TEXT NOT NULL, callback TEXT NOT NULL, attempts INTEGER NOT NULL, next_at INTEGER NOT NULL,
            give_up_at INTEGER NOT NULL, PRIMARY KEY (topic, callback)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS topics (topic TEXT NOT NULL PRIMARY KEY, etag TEXT NOT NULL) WITHOUT ROWID;
        """;

    private readonly Lock _gate = new();
    private readonly string _folder;
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>The store in <paramref name="folder"/>: opened now if its file exists, else made by the first write.</summary>
    public SqliteSubscriptionStore(string folder)
    {
        _folder = folder;
        Location = Path.Combine(folder, FileName);
        lock (_gate)
        {
            Open(create: false);
        }
    }

    /// <summary>The database file.</summary>
    public string Location { get; }

    public void SaveIntent(SubscriptionIntent intent) => InTransaction(t => Execute(
        "INSERT OR REPLACE INTO intents VALUES ($topic, $callback, $subscribe, $secret, $lease, $at)", t,
        ("$topic", intent.Topic), ("$callback", intent.Callback), ("$subscribe", intent.Subscribe ? 1 : 0), ("$secret", intent.Secret),
        ("$lease", intent.LeaseSeconds), ("$at", intent.RequestedAt.ToUnixTimeSeconds())));

    public IReadOnlyList<SubscriptionIntent> Intents() => Query(
        "SELECT topic, callback, subscribe, secret, lease_seconds, requested_at FROM intents ORDER BY requested_at, topic, callback",
        r => new SubscriptionIntent(r.GetInt64(2) != 0, r.GetString(0), r.GetString(1), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4),
            DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(5))));

    public void Verified(SubscriptionIntent intent, DateTimeOffset now) => InTransaction(t =>
    {
        var key = Key(intent.Topic, intent.Callback);
        if (intent.Subscribe)
        {
            Execute("INSERT OR REPLACE INTO subscriptions VALUES ($topic, $callback, $secret, $expires)", t,
                [.. key, ("$secret", intent.Secret), ("$expires", now.ToUnixTimeSeconds() + intent.LeaseSeconds)]);
        }
        else
        {
            Execute("DELETE FROM subscriptions WHERE topic = $topic AND callback = $callback", t, key);
            Execute("DELETE FROM retries WHERE topic = $topic AND callback = $callback", t, key);
        }

        Execute("DELETE FROM intents WHERE topic = $topic AND callback = $callback", t, key);
    });

    public void Refused(SubscriptionIntent intent) =>
        InTransaction(create: false, t => Execute("DELETE FROM intents WHERE topic = $topic AND callback = $callback", t, Key(intent.Topic, intent.Callback)));

    public IReadOnlyList<Subscription> Active(string topic, DateTimeOffset now) => Query(
        "SELECT topic, callback, secret, expires_at FROM subscriptions WHERE topic = $topic AND expires_at > $now ORDER BY callback",
        r => new Subscription(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3))),
        ("$topic", topic), ("$now", now.ToUnixTimeSeconds()));

    public IReadOnlyList<string> Topics(DateTimeOffset now) =>
        Query("SELECT DISTINCT topic FROM subscriptions WHERE expires_at > $now ORDER BY topic", r => r.GetString(0), ("$now", now.ToUnixTimeSeconds()));

    public string? LastContent(string topic) =>
        Query("SELECT etag FROM topics WHERE topic = $topic", r => r.GetString(0), ("$topic", topic)).FirstOrDefault();

    public string? SwapLastContent(string topic, string etag)
    {
        string? previous = null;
        InTransaction(t =>
        {
            using var read = Command("SELECT etag FROM topics WHERE topic = $topic", t, [("$topic", topic)]);
            previous = read.ExecuteScalar() as string;
            Execute("INSERT OR REPLACE INTO topics VALUES ($topic, $etag)", t, ("$topic", topic), ("$etag", etag));
        });
        return previous;
    }

    public void SetLastContentIfNone(string topic, string etag) =>
        InTransaction(t => Execute("INSERT OR IGNORE INTO topics VALUES ($topic, $etag)", t, ("$topic", topic), ("$etag", etag)));

    public int Count(string? topic = null) => topic is null
        ? Query("SELECT count(*) FROM subscriptions", r => r.GetInt32(0)).FirstOrDefault()
        : Query("SELECT count(*) FROM subscriptions WHERE topic = $topic", r => r.GetInt32(0), ("$topic", topic)).FirstOrDefault();

    public bool Remove(string topic, string callback)
    {
        var removed = 0;
        InTransaction(create: false, t =>
        {
            removed = Execute("DELETE FROM subscriptions WHERE topic = $topic AND callback = $callback", t, Key(topic, callback));
            Execute("DELETE FROM retries WHERE topic = $topic AND callback = $callback", t, Key(topic, callback));
        });
        return removed > 0;
    }

    public int RemoveExpired(DateTimeOffset now)
    {
        var removed = 0;
        InTransaction(create: false, t =>
        {
            var at = ("$now", (object?)now.ToUnixTimeSeconds());
            Execute("DELETE FROM retries WHERE EXISTS (SELECT 1 FROM subscriptions s WHERE s.topic = retries.topic AND s.callback = retries.callback AND s.expires_at <= $now)", t, at);
            removed = Execute("DELETE FROM subscriptions WHERE expires_at <= $now", t, at);
        });
        return removed;
    }

    public void SaveRetry(DeliveryRetry retry) => InTransaction(t => Execute("INSERT OR REPLACE INTO retries VALUES ($topic, $callback, $attempts, $next, $giveUp)", t,
        ("$topic", retry.Topic), ("$callback", retry.Callback), ("$attempts", retry.Attempts), ("$next", retry.NextAt.ToUnixTimeSeconds()),
        ("$giveUp", retry.GiveUpAt.ToUnixTimeSeconds())));

    public void ClearRetry(string topic, string callback) =>
        InTransaction(create: false, t => Execute("DELETE FROM retries WHERE topic = $topic AND callback = $callback", t, Key(topic, callback)));

    public bool TryClaimRetry(DeliveryRetry due, DateTimeOffset until)
    {
        var claimed = 0;
        InTransaction(create: false, t => claimed = Execute(
            "UPDATE retries SET next_at = $until WHERE topic = $topic AND callback = $callback AND attempts = $attempts AND next_at = $next", t,
            ("$until", until.ToUnixTimeSeconds()), ("$topic", due.Topic), ("$callback", due.Callback), ("$attempts", due.Attempts),
            ("$next", due.NextAt.ToUnixTimeSeconds())));
        return claimed == 1;
    }

    public IReadOnlyList<DeliveryRetry> Retries() => Query(
        "SELECT topic, callback, attempts, next_at, give_up_at FROM retries ORDER BY next_at, topic, callback",
        r => new DeliveryRetry(r.GetString(0), r.GetString(1), r.GetInt32(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3)),
            DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4))));

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _connection?.Dispose();
        }
    }

    private static (string, object?)[] Key(string topic, string callback) => [("$topic", topic), ("$callback", callback)];

    /// <summary>The open connection; made (with the file and its schema) when <paramref name="create"/>; null while there is no file.</summary>
    private SqliteConnection? Open(bool create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null || (!create && !File.Exists(Location)))
        {
            return _connection;
        }

        Directory.CreateDirectory(_folder);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Location, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;";
            setup.ExecuteNonQuery();
            using var transaction = connection.BeginTransaction(deferred: false);
            using var schema = connection.CreateCommand();
            schema.Transaction = transaction;
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
            transaction.Commit();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return _connection = connection;
    }

    private void InTransaction(Action<SqliteTransaction> work) => InTransaction(create: true, work);

    /// <summary>Runs <paramref name="work"/> in one transaction; without <paramref name="create"/> (a removal) nothing happens while there is no file.</summary>
    private void InTransaction(bool create, Action<SqliteTransaction> work)
    {
        lock (_gate)
        {
            if (Open(create) is not { } connection)
            {
                return;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            work(transaction);
            transaction.Commit();
        }
    }

    private int Execute(string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            if (Open(create: false) is null)
            {
                return [];
            }

            using var command = Command(sql, null, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction, (string Name, object? Value)[] parameters)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
