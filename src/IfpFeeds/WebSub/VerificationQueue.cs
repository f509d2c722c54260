using System.Threading.Channels;
using IfpFeeds.Configuration;
using Microsoft.Extensions.Options;

namespace IfpFeeds.WebSub;

/// <summary>
/// Verifies accepted intents in the background (W3C WebSub §5.3), several at once so one slow callback holds up no other,
/// and at start those a restart interrupted. After a confirmed subscribe the topic's current body becomes its baseline
/// when it has none, so the next change is told from it. At most <see cref="Capacity"/> intents wait; past that the hub
/// answers 503.
/// </summary>
public sealed partial class VerificationQueue(Lazy<IntentVerifier> verifier, Lazy<ISubscriptionStore> store, TopicDistributor distributor,
    IOptions<FeedsOptions> options, ILogger<VerificationQueue> logger) : BackgroundService
{
    /// <summary>Intents waiting at most.</summary>
    public const int Capacity = 1_000;

    /// <summary>Verifications running at once at most.</summary>
    public const int Concurrency = 16;

    private readonly Channel<SubscriptionIntent> _queue = Channel.CreateBounded<SubscriptionIntent>(new BoundedChannelOptions(Capacity));

    /// <summary>Queues <paramref name="intent"/> (already stored) for verification; false when the queue is full.</summary>
    public bool TryEnqueue(SubscriptionIntent intent) => _queue.Writer.TryWrite(intent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WebSub.BuiltInHub)
        {
            return;
        }

        // Read before the first await: the host starts the server after this, so no request's intent is read twice.
        IReadOnlyList<SubscriptionIntent> interrupted;
        try
        {
            interrupted = store.Value.Intents();
        }
        catch (Exception ex) when (StoreFailures.Is(ex))
        {
            LogUnreadable(logger, ex); // the hub still takes new requests (and says 503 if it cannot store them)
            interrupted = [];
        }

        await Task.Yield();
        var workers = Enumerable.Range(0, Concurrency).Select(_ => WorkAsync(stoppingToken)).ToArray();
        try
        {
            foreach (var intent in interrupted)
            {
                await _queue.Writer.WriteAsync(intent, stoppingToken); // waits while the queue is full
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }

        await Task.WhenAll(workers);
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var intent in _queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    if (await verifier.Value.VerifyAsync(intent, ct) && intent.Subscribe)
                    {
                        await distributor.BaselineAsync(intent.Topic);
                    }
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    LogFailed(logger, intent.Callback, intent.Topic, ex);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
    }

    [LoggerMessage(EventId = 56, Level = LogLevel.Error, Message = "WebSub: the intents a restart interrupted cannot be read; they are not verified")]
    private static partial void LogUnreadable(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 55, Level = LogLevel.Error, Message = "WebSub: verifying {Callback} for {Topic} failed")]
    private static partial void LogFailed(ILogger logger, string callback, string topic, Exception ex);
}
