using System.Threading.Channels;
using IfpFeeds.Store;

namespace IfpFeeds.WebSub;

/// <summary>
/// The store's side of distribution: each snapshot sets <see cref="Pending"/> and wakes the <see cref="TopicDistributor"/>,
/// on the store's thread and nothing more (it needs nothing the store needs, so the store can be built with it).
/// </summary>
public sealed class TopicChanges : ISnapshotListener
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private volatile bool _pending;

    /// <summary>Whether a snapshot came since <see cref="Take"/> last cleared it.</summary>
    public bool Pending => _pending;

    public void OnSnapshotPublished(ArticleSnapshot snapshot)
    {
        _pending = true;
        Wake();
    }

    /// <summary>Clears <see cref="Pending"/>: the distributor is about to look at the current snapshot.</summary>
    public void Take() => _pending = false;

    /// <summary>Wakes the distributor without a change (a retry was scheduled).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or <paramref name="timeout"/> on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        if (_wake.Reader.TryRead(out _) || timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var delayCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var signal = _wake.Reader.WaitToReadAsync(delayCts.Token).AsTask();
        await Task.WhenAny(signal, Task.Delay(timeout, time, delayCts.Token));
        await delayCts.CancelAsync();
        ct.ThrowIfCancellationRequested();
        _wake.Reader.TryRead(out _);
    }
}
