namespace IfpFeeds.Publishing;

/// <summary>Which answer a failed write deserves: <c>507</c> when the disk or a quota is full, <c>503</c> when the folder cannot be written now.</summary>
public static class StorageFailure
{
    // errno on Linux and macOS (IOException.HResult carries it there), and the Windows HResults of a full disk.
    private const int ENOSPC = 28, EDQUOT_LINUX = 122, EDQUOT_BSD = 69, EFBIG = 27;
    private const int ErrorDiskFull = unchecked((int)0x80070070), ErrorHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>Whether <paramref name="exception"/> is a failure of the storage (rather than a defect).</summary>
    public static bool IsStorage(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>The outcome of a write that failed with <paramref name="exception"/> (an <see cref="IsStorage"/> one).</summary>
    public static PublishOutcome Classify(Exception exception) =>
        exception is IOException { HResult: ENOSPC or EDQUOT_LINUX or EDQUOT_BSD or EFBIG or ErrorDiskFull or ErrorHandleDiskFull }
            ? PublishOutcome.StorageFull
            : PublishOutcome.StorageUnavailable;
}
