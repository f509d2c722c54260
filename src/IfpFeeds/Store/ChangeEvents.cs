using System.Threading.Channels;

namespace IfpFeeds.Store;

/// <summary>The store loop's handling of change events: a capture name, or null for "look at everything again".</summary>
internal static class ChangeEvents
{
    /// <summary>Takes every pending event into <paramref name="into"/>; true when one asked for a full rescan.</summary>
    public static bool Drain(ChannelReader<string?> reader, HashSet<string> into)
    {
        var rescan = false;
        while (reader.TryRead(out var name))
        {
            if (name is null)
            {
                rescan = true;
            }
            else
            {
                into.Add(name);
            }
        }

        return rescan;
    }

    /// <summary>Waits until <paramref name="waitForEvent"/> completes or <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    public static async Task WaitAsync(Task waitForEvent, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        if (!waitForEvent.IsCompleted && timeout > TimeSpan.Zero)
        {
            using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, time, delayCts.Token);
            await Task.WhenAny(waitForEvent, delay);
            await delayCts.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
    }
}
