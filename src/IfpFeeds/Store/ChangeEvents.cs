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

    /// <summary>
    /// Gathers a burst: drains the pending events, then more while they keep coming less than <paramref name="quiet"/>
    /// apart, for at most five quiet periods, or until <paramref name="stopEarly"/> (a writer waits). Returns whether one
    /// asked for a full rescan, and the wait for the next event if one was started and is still open.
    /// </summary>
    public static async Task<(bool Rescan, Task<bool>? Pending)> GatherBurstAsync(
        ChannelReader<string?> reader, HashSet<string> into, TimeSpan quiet, TimeProvider time, Func<bool> stopEarly, CancellationToken ct)
    {
        var burstEnds = time.GetUtcNow() + quiet * 5;
        var rescan = Drain(reader, into);
        while (quiet > TimeSpan.Zero && time.GetUtcNow() < burstEnds && !stopEarly())
        {
            var waitForEvent = reader.WaitToReadAsync(ct).AsTask();
            await WaitAsync(waitForEvent, quiet, time, ct);
            if (!waitForEvent.IsCompleted)
            {
                return (rescan, waitForEvent);
            }

            rescan |= Drain(reader, into);
        }

        return (rescan, null);
    }

    /// <summary>
    /// How long the loop may sleep from <paramref name="now"/>: until the next poll, a deferred file's time, or a scheduled
    /// post's, whichever is first. A post due already but not shown (the source is missing) waits for the poll, not a spin.
    /// </summary>
    public static TimeSpan Until(DateTimeOffset now, TimeSpan poll, DateTimeOffset? due, DateTimeOffset? scheduled)
    {
        var wake = now + poll;
        if (due is { } d && d < wake)
        {
            wake = d;
        }

        if (scheduled is { } s && s > now && s < wake)
        {
            wake = s;
        }

        return wake > now ? wake - now : TimeSpan.Zero;
    }
}
