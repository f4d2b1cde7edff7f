using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Shared.Notifications;

/// <summary>
/// Delivers what the request that raised it could not: notifications left by a process that stopped between commit and
/// delivery, and deliveries waiting to be retried. Runs in every host process; the leases keep them out of each other's way.
/// </summary>
internal sealed partial class NotificationDeliveryWorker(
    NotificationDelivery delivery, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationDeliveryWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        var purgedAt = DateTimeOffset.MinValue;
        try
        {
            do
            {
                try
                {
                    await delivery.DeliverDueAsync(stoppingToken);
                    if (time.GetUtcNow() - purgedAt >= PurgeEvery)
                    {
                        await delivery.PurgeDeliveredAsync(stoppingToken);
                        purgedAt = time.GetUtcNow();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPollFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Looking for notifications to deliver failed; trying again at the next poll")]
    private partial void LogPollFailed(Exception failure);
}
