namespace IfpFeeds.Store;

/// <summary>
/// Writes captures into one folder atomically: the bytes go to a hidden temporary file in the same folder
/// (<c>.{name}.{random}.publishing.tmp</c>, which the store never reads), which is flushed to disk and then renamed
/// over <c>{name}</c>. A rename within one file system replaces the name in one step, so a reader (the store, another
/// instance, a backup) sees the old capture or the new one whole, even if the process dies at any point.
/// </summary>
public sealed class FolderCaptureWriter(string folder) : ICaptureWriter
{
    /// <summary>How the temporary files of writes end.</summary>
    public const string TemporarySuffix = ".publishing.tmp";

    /// <summary>The folder written to (absolute).</summary>
    public string Folder { get; } = folder;

    public StoredCapture? Read(string name, int maxBytes)
    {
        var path = Path.Join(Folder, name);
        try
        {
            using var handle = CaptureFileHandles.OpenForReading(path); // a FIFO in the folder must not hang a request
            var lastWrite = new DateTimeOffset(File.GetLastWriteTimeUtc(handle), TimeSpan.Zero);
            var length = CaptureFileHandles.LengthOf(handle); // 0 for a FIFO or a device: read as empty, as the store does
            if (length > maxBytes)
            {
                using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
                return new StoredCapture(null, length, lastWrite, StoredCapture.ETagOf(stream));
            }

            var bytes = new byte[length];
            var read = CaptureFileHandles.ReadFromStart(handle, bytes);
            bytes = read == bytes.Length ? bytes : bytes[..read]; // shortened while read
            return new StoredCapture(bytes, bytes.Length, lastWrite, StoredCapture.ETagOf(bytes));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Write(string name, ReadOnlySpan<byte> bytes)
    {
        var temporary = Path.Join(Folder, $".{name}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            // Flushed, so a power cut after the rename cannot leave the new name over unwritten blocks. Not preallocated:
            // .NET reports a preallocation on a full disk without its errno, and the answer (507) needs it.
            using (var handle = File.OpenHandle(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(handle, bytes, 0);
                RandomAccess.FlushToDisk(handle);
            }

            File.Move(temporary, Path.Join(Folder, name), overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    public bool Delete(string name)
    {
        var path = Path.Join(Folder, name);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public int RemoveAbandonedWrites(DateTimeOffset writtenBefore)
    {
        var removed = 0;
        try
        {
            foreach (var path in Directory.EnumerateFiles(Folder, "." + "*" + TemporarySuffix))
            {
                if (File.GetLastWriteTimeUtc(path) < writtenBefore.UtcDateTime && TryDelete(path))
                {
                    removed++;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The folder is missing or unreadable: nothing to tidy now.
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
