using System.Globalization;
using Microsoft.Data.Sqlite;

namespace IfpFeeds.Store.Dates;

/// <summary>The first-seen registry's table in SQLite: its layout, and reading and writing its rows.</summary>
internal static class FirstSeenTable
{
    /// <summary>Instants in Unix seconds; the content hash (XxHash128) as its two 64-bit halves, which read and write
    /// several times faster than text.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS captures (
            id TEXT PRIMARY KEY NOT NULL,
            first_seen INTEGER NOT NULL,
            content_hash_high INTEGER NOT NULL,
            content_hash_low INTEGER NOT NULL,
            content_changed INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>The layout's version, in <c>PRAGMA user_version</c>: a file of another layout is moved aside and rebuilt.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Rows per INSERT: one statement per row costs more in the provider than in SQLite.</summary>
    public const int RowsPerStatement = 100;

    /// <summary>Every row.</summary>
    public static List<KeyValuePair<string, FirstSeenEntry>> ReadAll(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, first_seen, content_hash_high, content_hash_low, content_changed FROM captures";
        using var reader = command.ExecuteReader();
        var rows = new List<KeyValuePair<string, FirstSeenEntry>>();
        while (reader.Read())
        {
            var firstSeen = reader.GetInt64(1);
            var hash = new UInt128(unchecked((ulong)reader.GetInt64(2)), unchecked((ulong)reader.GetInt64(3)));
            rows.Add(new(reader.GetString(0), new FirstSeenEntry(firstSeen, hash, Math.Max(firstSeen, reader.GetInt64(4)))));
        }

        return rows;
    }

    /// <summary>Upserts <paramref name="rows"/> in one transaction, <see cref="RowsPerStatement"/> rows a statement.</summary>
    public static void Write(SqliteConnection connection, List<KeyValuePair<string, FirstSeenEntry>> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        SqliteCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                var command = count == RowsPerStatement ? full ??= UpsertCommand(connection, transaction, count) : UpsertCommand(connection, transaction, count);
                for (var i = 0; i < count; i++)
                {
                    var (key, entry) = rows[start + i];
                    var p = command.Parameters;
                    p[(i * 5) + 0].Value = key;
                    p[(i * 5) + 1].Value = entry.FirstSeen;
                    p[(i * 5) + 2].Value = unchecked((long)(ulong)(entry.Hash >> 64));
                    p[(i * 5) + 3].Value = unchecked((long)(ulong)entry.Hash);
                    p[(i * 5) + 4].Value = entry.ContentChanged;
                }

                command.ExecuteNonQuery();
                if (command != full)
                {
                    command.Dispose();
                }
            }
        }
        finally
        {
            full?.Dispose();
        }

        transaction.Commit();
    }

    /// <summary>An upsert of <paramref name="rows"/> rows: a new row is inserted whole; a known id keeps its first sight (first
    /// writer wins) and takes the new hash and change time.</summary>
    private static SqliteCommand UpsertCommand(SqliteConnection connection, SqliteTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder("INSERT INTO captures (id, first_seen, content_hash_high, content_hash_low, content_changed) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"($i{i}, $f{i}, $h{i}, $l{i}, $c{i})");
            command.Parameters.Add($"$i{i}", SqliteType.Text);
            command.Parameters.Add($"$f{i}", SqliteType.Integer);
            command.Parameters.Add($"$h{i}", SqliteType.Integer);
            command.Parameters.Add($"$l{i}", SqliteType.Integer);
            command.Parameters.Add($"$c{i}", SqliteType.Integer);
        }

        sql.Append(" ON CONFLICT (id) DO UPDATE SET content_hash_high = excluded.content_hash_high, content_hash_low = excluded.content_hash_low, ")
            .Append("content_changed = excluded.content_changed");
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
