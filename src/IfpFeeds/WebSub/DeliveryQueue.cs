using System.Collections.Concurrent;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// Pushes topic bodies to subscribers (W3C WebSub §7), each subscriber on its own: at most one request to a callback at a
/// time, and when newer bytes arrive meanwhile only the newest is sent next, so a subscriber never gets an older body after
/// a newer one and a slow or dead one delays nobody else. At most <see cref="MaxConcurrent"/> requests run at once. A 2xx
/// ends a delivery, a <c>410</c> removes the subscription, a 5xx, timeout or connection error schedules a retry
/// (<see cref="RetrySchedule"/>, kept in the store so it survives a restart), any other answer drops it.
/// </summary>
public sealed partial class DeliveryQueue(Lazy<ISubscriptionStore> store, CallbackClient client, WebSubMetrics metrics, IOptions<FeedsOptions> options,
    TimeProvider time, ILogger<DeliveryQueue> logger)
{
    /// <summary>Deliveries in flight at most, over all subscribers.</summary>
    public const int MaxConcurrent = 64;

    private readonly TimeSpan _retryFor = TimeSpan.FromSeconds(options.Value.WebSub.RetrySeconds);
    private readonly ConcurrentDictionary<(string Topic, string Callback), Mailbox> _mailboxes = new();
    private readonly ConcurrentDictionary<(string Topic, string Callback), DeliveryRetry> _retries = new();
    private readonly SemaphoreSlim _slots = new(MaxConcurrent);
    private CancellationToken _stopping;

    /// <summary>Called when a retry is scheduled, so whoever runs retries can wake for it.</summary>
    public event Action? RetryScheduled;

    /// <summary>Loads the retries a previous run left; deliveries stop when <paramref name="stopping"/> is cancelled.</summary>
    public void Start(CancellationToken stopping)
    {
        _stopping = stopping;
        foreach (var retry in store.Value.Retries())
        {
            _retries[(retry.Topic, retry.Callback)] = retry;
        }
    }

    /// <summary>Sends <paramref name="content"/> to <paramref name="subscription"/>'s callback, after any delivery to it in flight.</summary>
    public void Post(Subscription subscription, TopicContent content)
    {
        var key = (subscription.Topic, subscription.Callback);
        while (true)
        {
            var box = _mailboxes.GetOrAdd(key, _ => new Mailbox());
            lock (box)
            {
                if (box.Closed)
                {
                    continue; // emptied and removed just now: take a new one
                }

                box.Next = (subscription, content);
                if (box.Running)
                {
                    return;
                }

                box.Running = true;
            }

            _ = RunAsync(key, box);
            return;
        }
    }

    /// <summary>The earliest time a retry is due; null when none waits.</summary>
    public DateTimeOffset? NextRetryAt()
    {
        var next = DateTimeOffset.MaxValue;
        foreach (var retry in _retries.Values)
        {
            next = retry.NextAt < next ? retry.NextAt : next;
        }

        return next == DateTimeOffset.MaxValue ? null : next;
    }

    /// <summary>
    /// The retries due at <paramref name="now"/>, marked as under way (their attempt's outcome schedules the next or ends
    /// them; the store keeps their state meanwhile).
    /// </summary>
    public IReadOnlyList<DeliveryRetry> TakeDue(DateTimeOffset now)
    {
        var due = new List<DeliveryRetry>();
        foreach (var (key, retry) in _retries)
        {
            if (retry.NextAt <= now && _retries.TryUpdate(key, retry with { NextAt = DateTimeOffset.MaxValue }, retry))
            {
                due.Add(retry);
            }
        }

        return due;
    }

    /// <summary>
    /// Takes on the retries of <paramref name="stored"/> this instance does not hold (in a fleet: another instance's whose
    /// claim lapsed, say); the claim decides which instance makes each attempt.
    /// </summary>
    public void Adopt(IReadOnlyList<DeliveryRetry> stored)
    {
        foreach (var retry in stored)
        {
            _retries.TryAdd((retry.Topic, retry.Callback), retry);
        }
    }

    /// <summary>Lets go of a retry another instance claimed: this one keeps no state of it.</summary>
    public void Drop(DeliveryRetry retry) => _retries.TryRemove((retry.Topic, retry.Callback), out _);

    /// <summary>Forgets a retry whose subscription or topic is gone.</summary>
    public void Forget(DeliveryRetry retry)
    {
        _retries.TryRemove((retry.Topic, retry.Callback), out _);
        store.Value.ClearRetry(retry.Topic, retry.Callback);
    }

    private async Task RunAsync((string Topic, string Callback) key, Mailbox box)
    {
        try
        {
            await _slots.WaitAsync(_stopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                (Subscription Subscription, TopicContent Content) next;
                lock (box)
                {
                    if (box.Next is not { } taken)
                    {
                        box.Running = false;
                        box.Closed = true;
                        _mailboxes.TryRemove(KeyValuePair.Create(key, box));
                        return;
                    }

                    next = taken;
                    box.Next = null;
                }

                var outcome = await client.DeliverAsync(next.Subscription, next.Content, _stopping);
                Record(next.Subscription, outcome);
            }
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested)
        {
            LogFailed(logger, key.Callback, key.Topic, ex); // the store failing: the next change tries again
            lock (box)
            {
                box.Running = false;
                box.Closed = true;
                _mailboxes.TryRemove(KeyValuePair.Create(key, box));
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Record(Subscription subscription, DeliveryOutcome outcome)
    {
        var key = (subscription.Topic, subscription.Callback);
        metrics.Delivered(DeliveryOutcomes.Name(outcome));
        LogDelivery(logger, subscription.Callback, subscription.Topic, DeliveryOutcomes.Name(outcome));
        switch (outcome)
        {
            case DeliveryOutcome.Retry:
                var previous = _retries.TryGetValue(key, out var known) ? known : null;
                if (RetrySchedule.After(previous, subscription.Topic, subscription.Callback, time.GetUtcNow(), _retryFor) is { } retry)
                {
                    store.Value.SaveRetry(retry);
                    _retries[key] = retry;
                    RetryScheduled?.Invoke();
                }
                else
                {
                    _retries.TryRemove(key, out _);
                    store.Value.ClearRetry(subscription.Topic, subscription.Callback);
                    metrics.Delivered("dropped");
                    LogDelivery(logger, subscription.Callback, subscription.Topic, "dropped: retries gave up");
                }

                break;
            case DeliveryOutcome.Gone:
                _retries.TryRemove(key, out _);
                store.Value.Remove(subscription.Topic, subscription.Callback);
                break;
            default:
                if (_retries.TryRemove(key, out _))
                {
                    store.Value.ClearRetry(subscription.Topic, subscription.Callback);
                }

                break;
        }
    }

    [LoggerMessage(EventId = 51, Level = LogLevel.Debug, Message = "WebSub: delivery to {Callback} of {Topic}: {Outcome}")]
    private static partial void LogDelivery(ILogger logger, string callback, string topic, string outcome);

    [LoggerMessage(EventId = 52, Level = LogLevel.Error, Message = "WebSub: delivery to {Callback} of {Topic} failed")]
    private static partial void LogFailed(ILogger logger, string callback, string topic, Exception ex);

    /// <summary>One subscriber's next body, and whether a delivery to it runs.</summary>
    private sealed class Mailbox
    {
        public (Subscription Subscription, TopicContent Content)? Next;
        public bool Running;
        public bool Closed;
    }
}
