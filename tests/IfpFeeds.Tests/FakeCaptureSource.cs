using System.Text;
using IfpFeeds.Store;

namespace IfpFeeds.Tests;

/// <summary>
/// An <see cref="ICaptureSource"/> in memory, for the store's rules without a disk or a real clock: files with
/// the write times a test gives them, failures on demand, and a count of reads.
/// </summary>
public sealed class FakeCaptureSource : ICaptureSource
{
    private readonly Dictionary<string, (byte[] Bytes, DateTime Written)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Exception>> _failures = new(StringComparer.Ordinal);

    public string Location => "memory";

    public bool IsAvailable { get; set; } = true;

    public DateTimeOffset? LastWriteTime { get; set; }

    /// <summary>How many times each file was read.</summary>
    public Dictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs during a read, after the bytes were taken (a writer that changes the file meanwhile).</summary>
    public Action<string>? DuringRead { get; set; }

    public void Write(string name, string text, DateTimeOffset written) => _files[name] = (Encoding.UTF8.GetBytes(text), written.UtcDateTime);

    public void Delete(string name) => _files.Remove(name);

    /// <summary>The next reads of <paramref name="name"/> throw these, in order.</summary>
    public void FailReads(string name, params Exception[] failures) => _failures[name] = new Queue<Exception>(failures);

    public IReadOnlyCollection<string> ListNames() => IsAvailable ? [.. _files.Keys] : [];

    public CaptureStat? Stat(string name) =>
        IsAvailable && _files.TryGetValue(name, out var file) ? new CaptureStat(file.Bytes.Length, file.Written) : null;

    public CaptureBytes Read(string name, int maxBytes)
    {
        Reads[name] = Reads.GetValueOrDefault(name) + 1;
        if (_failures.TryGetValue(name, out var failures) && failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        if (!IsAvailable || !_files.TryGetValue(name, out var file))
        {
            throw new FileNotFoundException(name);
        }

        var stat = new CaptureStat(file.Bytes.Length, file.Written);
        DuringRead?.Invoke(name);
        return CaptureBytes.Of(file.Bytes.Length > maxBytes ? [] : file.Bytes, stat);
    }

    public bool StartWatching(Action<string?> changed) => true;

    public void StopWatching()
    {
    }

    public void Dispose()
    {
    }
}
