using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using IfpFeeds.Publishing;
using IfpFeeds.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace IfpFeeds.Tests;

/// <summary>The publishing API when off, over its rate, on failing storage, at the server's own URL parsing, and its key command.</summary>
public sealed class PublishingEdgeTests
{
    [Fact]
    public async Task WithNoKeyConfiguredEveryMethodIs404AsForAPathThatDoesNotExist()
    {
        using var app = new TestApp();
        using var client = app.CreateClient();
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Get, HttpMethod.Head, HttpMethod.Delete })
        {
            using var response = await client.SendAsync(Publishing.Request(method, "pub-1", method == HttpMethod.Put ? CaptureText.Simple() : null));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Empty(Directory.GetFileSystemEntries(app.Folder));
    }

    [Fact]
    public async Task WritesOverAKeysRateAre429WithRetryAfterAndReadsAndOtherKeysAreNot()
    {
        var other = PublishingKeys.NewKey();
        using var app = new TestApp(Publishing.Settings(("Feeds:Publishing:WritesPerMinute", "2"), ("Feeds:Publishing:Keys:other", PublishingKeys.HashOf(other))));
        using var client = app.CreateClient();
        using var metrics = new MetricCollector<long>(app.Services.GetRequiredService<IMeterFactory>(), "IfpFeeds", "ifpfeeds.publishing.writes");

        using var first = await client.PutAsync("pub-1", CaptureText.Simple());
        using var second = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-1"));
        using var third = await client.PutAsync("pub-1", CaptureText.Simple());
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests], [first.StatusCode, second.StatusCode, third.StatusCode]);
        Assert.InRange(int.Parse(third.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);

        using var read = await client.SendAsync(Publishing.Request(HttpMethod.Get, "pub-1"));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode); // reads are not counted, and the refused write wrote nothing
        using var otherKey = await client.SendAsync(Publishing.Request(HttpMethod.Put, "pub-1", CaptureText.Simple(), other));
        Assert.Equal(HttpStatusCode.Created, otherKey.StatusCode);

        var outcomes = metrics.GetMeasurementSnapshot().Select(m => (string)m.Tags["outcome"]!).ToList();
        Assert.Equal(["created", "deleted", "rate_limited", "created"], outcomes);
    }

    [Theory]
    [InlineData(28, HttpStatusCode.InsufficientStorage)] // ENOSPC
    [InlineData(122, HttpStatusCode.InsufficientStorage)] // EDQUOT
    [InlineData(30, HttpStatusCode.ServiceUnavailable)] // EROFS
    [InlineData(-1, HttpStatusCode.ServiceUnavailable)] // permission denied
    public async Task AFailingDiskIs507Or503AndTheOldCaptureStays(int errno, HttpStatusCode expected)
    {
        var failing = new FailingWriter();
        using var app = new TestApp(Publishing.Settings(), services: s => s.Replace(ServiceDescriptor.Singleton<ICaptureWriter>(sp =>
            failing.Over(new FolderCaptureWriter(sp.GetRequiredService<ICaptureSource>().Location)))));
        using var client = app.CreateClient();
        using var created = await client.PutAsync("pub-1", CaptureText.Simple(title: "The old one"));

        failing.Failure = errno < 0 ? new UnauthorizedAccessException("Access to the path is denied.") : new IOException("No space left on device", errno);
        using var put = await client.PutAsync("pub-1", CaptureText.Simple(title: "The new one"));
        using var delete = await client.SendAsync(Publishing.Request(HttpMethod.Delete, "pub-1"));

        Assert.Equal(expected, put.StatusCode);
        Assert.Equal(expected, delete.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CaptureText.Simple(title: "The old one"), await File.ReadAllTextAsync(Path.Combine(app.Folder, "pub-1.txt")));
        Assert.Contains("The old one", await client.GetStringAsync("/feeds/all.atom"));
        Assert.Empty(Directory.GetFiles(app.Folder, ".*"));
    }

    [Fact]
    public void TemporaryFilesOfAKilledWriteAreRemovedAtStartButNotOnesBeingWritten()
    {
        var root = Directory.CreateTempSubdirectory("ifpfeeds-tidy-").FullName;
        try
        {
            var abandoned = Path.Combine(root, ".a.txt.0123" + FolderCaptureWriter.TemporarySuffix);
            var fresh = Path.Combine(root, ".b.txt.4567" + FolderCaptureWriter.TemporarySuffix);
            var other = Path.Combine(root, ".editor.swp");
            foreach (var file in new[] { abandoned, fresh, other })
            {
                File.WriteAllText(file, "x");
                File.SetLastWriteTimeUtc(file, file == fresh ? DateTime.UtcNow : DateTime.UtcNow.AddHours(-1));
            }

            Assert.Equal(1, new FolderCaptureWriter(root).RemoveAbandonedWrites(DateTimeOffset.UtcNow.AddMinutes(-10)));
            Assert.False(File.Exists(abandoned));
            Assert.True(File.Exists(fresh));
            Assert.True(File.Exists(other)); // not ours

            // The service does it as it starts, when publishing is on.
            using var app = new TestApp(Publishing.Settings());
            var left = Path.Combine(app.Folder, ".c.txt.89ab" + FolderCaptureWriter.TemporarySuffix);
            File.WriteAllText(left, "x");
            File.SetLastWriteTimeUtc(left, DateTime.UtcNow.AddHours(-1));
            using var client = app.CreateClient();
            Assert.False(File.Exists(left));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void TheKeyCommandPrintsAKeyOnceAndTheHashToConfigure()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, PublishingCommand.Run(["publishing", "new-key", "ci-bot"], output, error));

        var text = output.ToString();
        var key = text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Single(w => w.StartsWith(PublishingKeys.Prefix, StringComparison.Ordinal));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        Assert.Contains($"Feeds__Publishing__Keys__ci-bot={hash}", text);
        Assert.Equal(32, Convert.FromBase64String(key[4..].Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal(1, CountOf(text, key)); // shown once

        Assert.Equal(2, PublishingCommand.Run(["publishing", "new-key", "bad name"], output, error));
        Assert.Equal(2, PublishingCommand.Run(["publishing"], output, error));
        Assert.Contains("usage", error.ToString());
    }

    [Theory]
    [InlineData("Feeds:Publishing:Keys:newsroom", "ifp_the-key-itself-by-mistake")]
    [InlineData("Feeds:Publishing:Keys:newsroom", "")]
    [InlineData("Feeds:Publishing:Keys:bad name", "0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("Feeds:Publishing:WritesPerMinute", "-1")]
    public async Task ABadPublishingOptionStopsTheStartWithOneLineNamingIt(string key, string value)
    {
        using var service = ServiceProcess.Start([], new Dictionary<string, string> { [key.Replace(":", "__", StringComparison.Ordinal)] = value });
        var (exitCode, output, error) = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(key, line);
        Assert.DoesNotContain("ifp_the-key", line + output); // a key pasted instead of its hash is not echoed
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>A writer over the real folder whose writes and deletes fail as told (reads still work).</summary>
    private sealed class FailingWriter
    {
        public Exception? Failure { get; set; }

        public ICaptureWriter Over(ICaptureWriter inner) => new Writer(this, inner);

        private sealed class Writer(FailingWriter owner, ICaptureWriter inner) : ICaptureWriter
        {
            public StoredCapture? Read(string name, int maxBytes) => inner.Read(name, maxBytes);

            public void Write(string name, ReadOnlySpan<byte> bytes)
            {
                if (owner.Failure is { } failure)
                {
                    throw failure;
                }

                inner.Write(name, bytes);
            }

            public bool Delete(string name) => owner.Failure is { } failure ? throw failure : inner.Delete(name);

            public int RemoveAbandonedWrites(DateTimeOffset writtenBefore) => inner.RemoveAbandonedWrites(writtenBefore);
        }
    }
}
