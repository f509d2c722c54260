using IfpFeeds.Store;

namespace IfpFeeds.Publishing;

/// <summary>
/// Writes and deletes captures for the publishing API with no lost update: one writer at a time per id (a lock per id
/// stripe), the preconditions checked against the stored capture under that lock, the write atomic
/// (<see cref="ICaptureWriter"/>). Then the store reads the capture at once, and the answer waits (up to
/// <see cref="VisibleWithin"/>) for the snapshot that shows it, so a client that gets <c>201</c> finds its article in
/// every feed, page and API answer it asks for next. The locks are this process's: a fleet writing one shared folder
/// through several instances needs the fleet's lock too.
/// </summary>
public sealed class CapturePublisher(ICaptureWriter writer, ArticleStore store, TimeProvider time)
{
    /// <summary>How long an answer waits for the store to publish the change (it is written either way).</summary>
    public static readonly TimeSpan VisibleWithin = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>What one write or delete did.</summary>
    public readonly record struct Result(PublishOutcome Outcome, StoredCapture? Current, string? ETag);

    /// <summary>The stored capture <paramref name="name"/> (its bytes when at most <paramref name="maxBytes"/>); null when none.</summary>
    public StoredCapture? Read(string name, int maxBytes) => writer.Read(name, maxBytes);

    /// <summary>
    /// Stores <paramref name="bytes"/> (a capture the parser accepted) as <paramref name="name"/> when
    /// <paramref name="preconditions"/> allow it against the stored one. The same bytes again are not rewritten.
    /// </summary>
    /// <exception cref="IOException">The storage failed; the stored capture is as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written; the stored capture is as it was.</exception>
    public async Task<Result> PutAsync(string name, byte[] bytes, Func<StoredCapture?, PublishOutcome?> preconditions, CancellationToken ct)
    {
        var gate = LockOf(name);
        await gate.WaitAsync(ct);
        StoredCapture? current;
        var etag = StoredCapture.ETagOf(bytes);
        try
        {
            current = writer.Read(name, bytes.Length); // its bytes only when it could be the same
            if (preconditions(current) is { } refused)
            {
                return new Result(refused, current, null);
            }

            if (current?.Bytes is { } old && old.AsSpan().SequenceEqual(bytes))
            {
                return new Result(PublishOutcome.Unchanged, current, etag);
            }

            writer.Write(name, bytes);
        }
        finally
        {
            gate.Release();
        }

        await VisibleAsync(name, ct);
        return new Result(current is null ? PublishOutcome.Created : PublishOutcome.Replaced, current, etag);
    }

    /// <summary>Deletes <paramref name="name"/> when <paramref name="preconditions"/> allow it; not found when there is none.</summary>
    /// <exception cref="IOException">The storage failed; the stored capture is as it was.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written; the stored capture is as it was.</exception>
    public async Task<Result> DeleteAsync(string name, Func<StoredCapture?, PublishOutcome?> preconditions, CancellationToken ct)
    {
        var gate = LockOf(name);
        await gate.WaitAsync(ct);
        StoredCapture? current;
        try
        {
            current = writer.Read(name, 0);
            if (preconditions(current) is { } refused)
            {
                return new Result(refused, current, null);
            }

            if (current is null || !writer.Delete(name))
            {
                return new Result(PublishOutcome.NotFound, null, null);
            }
        }
        finally
        {
            gate.Release();
        }

        await VisibleAsync(name, ct);
        return new Result(PublishOutcome.Deleted, current, null);
    }

    /// <summary>Has the store read <paramref name="name"/> again and waits for the snapshot that shows it (bounded).</summary>
    private async Task VisibleAsync(string name, CancellationToken ct)
    {
        try
        {
            await store.RefreshAsync(name).WaitAsync(VisibleWithin, time, ct);
        }
        catch (TimeoutException)
        {
            // Written, and the store will show it when its loop gets to it: the answer need not wait longer.
        }
    }

    private SemaphoreSlim LockOf(string name) => _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(name) % (uint)_locks.Length)];
}
