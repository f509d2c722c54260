using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace IfpFeeds.Store;

/// <summary>
/// Opens a capture file for reading without ever waiting: a FIFO (or a link to one) named <c>*.txt</c> in the folder
/// made <c>File.OpenHandle</c> block in <c>open</c> until something wrote to it, and the store's first load with it (the
/// service never started). On Linux the file is opened with <c>O_NONBLOCK</c>, which the framework cannot ask for: a
/// FIFO then opens at once and reads as empty (its size is 0), and a regular file is read as before. It also takes no
/// <c>flock</c>: the framework's emulation of <c>FileShare</c> cost two system calls per file, and a reader that shares
/// everything has nothing to lock. Elsewhere the framework's own open is used.
/// </summary>
internal static class CaptureFileHandles
{
    private const int ReadOnly = 0, NonBlocking = 0x800, CloseOnExec = 0x80000; // open(2) flags: the generic Linux values, those of every architecture .NET runs on

    private const int NoSuchEntry = 2, NotADirectory = 20, PermissionDenied = 13, NotPermitted = 1;

    public static SafeFileHandle OpenForReading(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }

        var most = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        Span<byte> utf8 = most <= 4096 ? stackalloc byte[most] : new byte[most]; // no garbage per file for a usual path
        utf8[Encoding.UTF8.GetBytes(path, utf8)] = 0; // zero-terminated
        var descriptor = Open(ref MemoryMarshal.GetReference(utf8), ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            var message = $"{Marshal.GetPInvokeErrorMessage(error)}: '{path}'";
            throw error switch
            {
                NoSuchEntry or NotADirectory => new FileNotFoundException(message, path),
                PermissionDenied or NotPermitted => new UnauthorizedAccessException(message),
                _ => new IOException(message, error),
            };
        }

        return new SafeFileHandle(descriptor, ownsHandle: true);
    }

    /// <summary>The length of what <paramref name="handle"/> opened; 0 for what is not a file (a FIFO, a socket), which has none.</summary>
    public static long LengthOf(SafeFileHandle handle)
    {
        try
        {
            return RandomAccess.GetLength(handle);
        }
        catch (NotSupportedException)
        {
            return 0; // not seekable: a FIFO or a socket, never a capture
        }
    }

    /// <summary>Reads <paramref name="handle"/> from its start into <paramref name="into"/> until it is full or the file ends
    /// (shortened while read); how many bytes it read.</summary>
    public static int ReadFromStart(SafeFileHandle handle, Span<byte> into)
    {
        var read = 0;
        while (read < into.Length && RandomAccess.Read(handle, into[read..], read) is var n and > 0)
        {
            read += n;
        }

        return read;
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open(ref byte path, int flags);
}
