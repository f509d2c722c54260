using System.Text;
using IfpFeeds.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace IfpFeeds.Tests;

/// <summary>
/// The captures folder as the store sees it (ARTICLE-FORMAT.md, "Files"): which names it lists, and what a read gives
/// (the bytes whole, the stat of the file opened, nothing for a file over the limit).
/// </summary>
public sealed class FolderCaptureSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ifpfeeds-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Lists_only_the_txt_files_directly_in_the_folder_that_are_not_hidden()
    {
        foreach (var name in new[] { "a.txt", "b_2.txt", ".hidden.txt", "c.tmp", "d.txt.swp", "e.TXT", ".txt" })
        {
            File.WriteAllText(Path.Join(_folder, name), "x");
        }

        Directory.CreateDirectory(Path.Join(_folder, "folder.txt"));
        Directory.CreateDirectory(Path.Join(_folder, "sub"));
        File.WriteAllText(Path.Join(_folder, "sub", "inner.txt"), "x");

        using var source = new FolderCaptureSource(_folder, NullLogger<FolderCaptureSource>.Instance);
        Assert.Equal(["a.txt", "b_2.txt"], source.ListNames().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_folder_lists_nothing()
    {
        using var source = new FolderCaptureSource(Path.Join(_folder, "gone"), NullLogger<FolderCaptureSource>.Instance);
        Assert.Empty(source.ListNames());
        Assert.False(source.IsAvailable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4_000)]
    [InlineData(70_000)]
    public void A_read_gives_every_byte_and_the_stat_of_the_file(int length)
    {
        var bytes = Encoding.UTF8.GetBytes(new string('y', length));
        var path = Path.Join(_folder, "a.txt");
        File.WriteAllBytes(path, bytes);
        var written = new DateTime(2024, 3, 5, 6, 7, 8, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(path, written);

        using var source = new FolderCaptureSource(_folder, NullLogger<FolderCaptureSource>.Instance);
        using var read = source.Read("a.txt", maxBytes: 100_000);
        Assert.Equal(bytes, read.Span.ToArray());
        Assert.Equal(new CaptureStat(length, written), read.Stat);
        Assert.Equal(source.Stat("a.txt"), read.Stat); // what a later look at the path compares with
    }

    [Fact]
    public void A_file_over_the_limit_is_not_read_but_its_length_is_told()
    {
        File.WriteAllBytes(Path.Join(_folder, "big.txt"), new byte[5_000]);
        using var source = new FolderCaptureSource(_folder, NullLogger<FolderCaptureSource>.Instance);
        using var read = source.Read("big.txt", maxBytes: 4_999);
        Assert.True(read.Span.IsEmpty);
        Assert.Equal(5_000, read.Stat.Length);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        using var source = new FolderCaptureSource(_folder, NullLogger<FolderCaptureSource>.Instance);
        Assert.Throws<FileNotFoundException>(() =>
        {
            using var read = source.Read("nothing.txt", 1_000);
        });
    }

    [Fact]
    public async Task A_fifo_named_like_a_capture_is_read_at_once_as_empty()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo and O_NONBLOCK as on the deployments (Linux)
        }

        var fifo = Path.Join(_folder, "pipe.txt");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var source = new FolderCaptureSource(_folder, NullLogger<FolderCaptureSource>.Instance);
        Assert.Equal(["pipe.txt"], source.ListNames());

        // Opening a FIFO for reading waits for a writer unless asked not to: bounded here, so a regression fails, not hangs.
        var read = Task.Run(() =>
        {
            using var bytes = source.Read("pipe.txt", 1_000);
            return (bytes.Span.Length, bytes.Stat.Length);
        });
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal((0, 0L), await read);

        // The publishing API reads captures by the same open.
        var stored = Task.Run(() => new FolderCaptureWriter(_folder).Read("pipe.txt", 1_000));
        Assert.Same(stored, await Task.WhenAny(stored, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(0, (await stored)!.Length);
    }
}
