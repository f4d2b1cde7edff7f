using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Shared.Notifications;

/// <summary>
/// Hands stored notifications to their subscribers. Each delivery is claimed with a lease (so two processes never run
/// the same one at once), run as the system user in its own transaction, and marked delivered in that transaction, so
/// a subscriber's database work and the record of its delivery commit together. A failure is kept with its reason and
/// retried later with a growing delay; it never reaches the caller of the command that raised the notification.
/// </summary>
public sealed partial class NotificationDelivery(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<NotificationOptions> options, ILogger<NotificationDelivery> logger)
{
    private const int BatchSize = 50;
    private const int MaxChainDepth = 8;

    private static readonly ConcurrentDictionary<Type, Func<object, INotification, CancellationToken, ValueTask>> Invokers = new();

    private readonly string worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private const string PendingOfSql = """
        SELECT notification_id, subscriber FROM shared_notification_delivery
        WHERE notification_id = @NotificationId AND delivered_at IS NULL AND failed_at IS NULL
        ORDER BY subscriber
        """;

    private const string DueSql = """
        SELECT notification_id, subscriber FROM shared_notification_delivery
        WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @Now
          AND (locked_until IS NULL OR locked_until < @Now)
        ORDER BY next_attempt_at, notification_id, subscriber {page}
        """;

    private const string ClaimSql = """
        UPDATE shared_notification_delivery SET locked_by = @Worker, locked_until = @Until
        WHERE notification_id = @NotificationId AND subscriber = @Subscriber AND delivered_at IS NULL AND failed_at IS NULL
          AND (locked_until IS NULL OR locked_until < @Now)
        """;

    private const string ClaimedSql = """
        SELECT d.attempts, n.type, n.payload
        FROM shared_notification_delivery d JOIN shared_notification n ON n.id = d.notification_id
        WHERE d.notification_id = @NotificationId AND d.subscriber = @Subscriber AND d.locked_by = @Worker
        """;

    private const string DeliveredSql = """
        UPDATE shared_notification_delivery
        SET delivered_at = @Now, attempts = attempts + 1, locked_by = NULL, locked_until = NULL, last_error = NULL
        WHERE notification_id = @NotificationId AND subscriber = @Subscriber AND locked_by = @Worker
        """;

    private const string FailedSql = """
        UPDATE shared_notification_delivery
        SET attempts = @Attempts, last_error = @Error, next_attempt_at = @NextAttemptAt, failed_at = @FailedAt,
            locked_by = NULL, locked_until = NULL
        WHERE notification_id = @NotificationId AND subscriber = @Subscriber AND locked_by = @Worker
        """;

    private const string ReleaseSql = """
        UPDATE shared_notification_delivery SET locked_by = NULL, locked_until = NULL
        WHERE notification_id = @NotificationId AND subscriber = @Subscriber AND locked_by = @Worker
        """;

    private const string DeleteDeliveredDeliveriesSql = """
        DELETE FROM shared_notification_delivery
        WHERE notification_id IN (SELECT n.id FROM shared_notification n WHERE n.raised_at < @Cutoff
            AND NOT EXISTS (SELECT 1 FROM shared_notification_delivery d WHERE d.notification_id = n.id AND d.delivered_at IS NULL))
        """;

    private const string DeleteDeliveredNotificationsSql = """
        DELETE FROM shared_notification
        WHERE raised_at < @Cutoff
          AND NOT EXISTS (SELECT 1 FROM shared_notification_delivery d WHERE d.notification_id = shared_notification.id)
        """;

    /// <summary>Delivers the notifications a command just committed (and any their subscribers raise in turn).</summary>
    public async Task DeliverAsync(IReadOnlyList<Guid> notificationIds)
    {
        var queue = new Queue<(Guid Id, int Depth)>(notificationIds.Select(id => (id, 0)));
        while (queue.TryDequeue(out var next))
        {
            var pending = await WithSessionAsync(db => db.QueryAsync<DeliveryKey>(PendingOfSql, new { NotificationId = next.Id }, CancellationToken.None));
            foreach (var delivery in pending)
            {
                var raised = await DeliverOneAsync(delivery, CancellationToken.None);
                if (next.Depth + 1 < MaxChainDepth)
                {
                    foreach (var id in raised) queue.Enqueue((id, next.Depth + 1));
                }
            }
        }
    }

    /// <summary>Delivers everything that is due: left by a process that stopped, or failed earlier and now retried. Returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        IReadOnlyList<DeliveryKey> due;
        do
        {
            due = await WithSessionAsync(db => db.QueryAsync<DeliveryKey>(DueSql, new { Now = time.GetUtcNow(), Skip = 0, Take = BatchSize }, cancellationToken));
            foreach (var delivery in due)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DeliverOneAsync(delivery, cancellationToken);
                attempted++;
            }
        }
        while (due.Count == BatchSize);
        return attempted;
    }

    /// <summary>Deletes notifications every subscriber received longer ago than <see cref="NotificationOptions.KeepDeliveredDays"/>.</summary>
    public async Task PurgeDeliveredAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.KeepDeliveredDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync(cancellationToken);
        await db.ExecuteAsync(DeleteDeliveredDeliveriesSql, new { Cutoff = cutoff }, cancellationToken);
        await db.ExecuteAsync(DeleteDeliveredNotificationsSql, new { Cutoff = cutoff }, cancellationToken);
        await db.CommitAsync(cancellationToken);
    }

    /// <summary>Runs one delivery if this process can claim it; returns the notifications its subscriber raised.</summary>
    private async Task<IReadOnlyList<Guid>> DeliverOneAsync(DeliveryKey delivery, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = new { delivery.NotificationId, delivery.Subscriber, Worker = worker };
        var stored = await WithSessionAsync(async db =>
        {
            var claimed = await db.ExecuteAsync(ClaimSql, new
            {
                delivery.NotificationId, delivery.Subscriber, Worker = worker, Now = now, Until = now + options.Value.Lease,
            }, cancellationToken);
            return claimed == 0 ? null : await db.QuerySingleOrDefaultAsync<ClaimedDelivery>(ClaimedSql, key, cancellationToken);
        });
        if (stored is null) return [];

        try
        {
            var type = NotificationOutbox.TypeOf(stored.Type)
                ?? throw new InvalidOperationException($"No notification type '{stored.Type}' is known to this version of Outreach.");
            var notification = (INotification)(JsonSerializer.Deserialize(stored.Payload, type, NotificationOutbox.Json)
                ?? throw new InvalidOperationException("The stored notification is empty."));
            return await RunSubscriberAsync(delivery, type, notification, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: let the next process (or this one after a restart) take the delivery at once.
            await WithSessionAsync(db => db.ExecuteAsync(ReleaseSql, key, CancellationToken.None));
            throw;
        }
        catch (Exception failure)
        {
            await RecordFailureAsync(delivery, stored.Attempts + 1, failure);
            return [];
        }
    }

    private async Task<IReadOnlyList<Guid>> RunSubscriberAsync(DeliveryKey delivery, Type type, INotification notification, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICallerSwitch>().RunAs(new SystemUser());
        var handler = scope.ServiceProvider.GetServices(NotificationOutbox.HandlerType(type))
            .FirstOrDefault(h => h!.GetType().FullName == delivery.Subscriber)
            ?? throw new InvalidOperationException($"{delivery.Subscriber} no longer subscribes to {type.Name}.");
        var db = scope.ServiceProvider.GetRequiredService<DbSession>();
        await db.BeginAsync(cancellationToken);
        try
        {
            await InvokerFor(type)(handler, notification, cancellationToken);
            var marked = await db.ExecuteAsync(DeliveredSql, new
            {
                delivery.NotificationId, delivery.Subscriber, Worker = worker, Now = time.GetUtcNow(),
            }, cancellationToken);
            if (marked == 0)
            {
                // The lease ran out and another process took this delivery over; its run counts, not this one.
                await db.RollbackAsync();
                return [];
            }
            await db.CommitAsync(CancellationToken.None);
        }
        catch
        {
            await db.RollbackAsync();
            throw;
        }
        return db.TakeCommittedNotifications();
    }

    private async Task RecordFailureAsync(DeliveryKey delivery, int attempts, Exception failure)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var givenUp = attempts >= settings.MaxAttempts;
        var next = now + settings.RetryDelay(attempts);
        var error = $"{failure.GetType().Name}: {failure.Message}";
        try
        {
            await WithSessionAsync(db => db.ExecuteAsync(FailedSql, new
            {
                delivery.NotificationId, delivery.Subscriber, Worker = worker, Attempts = attempts,
                Error = error.Length > 1000 ? error[..1000] : error,
                NextAttemptAt = next, FailedAt = givenUp ? now : (DateTimeOffset?)null,
            }, CancellationToken.None));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The lease runs out by itself and the delivery is tried again; the failure is still in the log below.
            LogRecordFailed(ex, delivery.Subscriber);
        }
        if (givenUp) LogGaveUp(failure, delivery.Subscriber, delivery.NotificationId, attempts);
        else LogRetrying(failure, delivery.Subscriber, delivery.NotificationId, attempts, next);
    }

    private async Task<T> WithSessionAsync<T>(Func<DbSession, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DbSession>());
    }

    private static Func<object, INotification, CancellationToken, ValueTask> InvokerFor(Type type) => Invokers.GetOrAdd(type, static t =>
        typeof(NotificationDelivery).GetMethod(nameof(Invoke), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(t).CreateDelegate<Func<object, INotification, CancellationToken, ValueTask>>());

    private static ValueTask Invoke<T>(object handler, INotification notification, CancellationToken cancellationToken) where T : INotification =>
        ((INotificationHandler<T>)handler).Handle((T)notification, cancellationToken);

    [LoggerMessage(LogLevel.Warning, "Delivering notification {NotificationId} to {Subscriber} failed (attempt {Attempts}); trying again at {NextAttemptAt}")]
    private partial void LogRetrying(Exception failure, string subscriber, Guid notificationId, int attempts, DateTimeOffset nextAttemptAt);

    [LoggerMessage(LogLevel.Error, "Delivering notification {NotificationId} to {Subscriber} failed {Attempts} times; it waits for an admin on the Notifications page")]
    private partial void LogGaveUp(Exception failure, string subscriber, Guid notificationId, int attempts);

    [LoggerMessage(LogLevel.Warning, "Could not record a failed delivery to {Subscriber}; it is retried when its lease runs out")]
    private partial void LogRecordFailed(Exception failure, string subscriber);

    private sealed record DeliveryKey
    {
        public required Guid NotificationId { get; init; }
        public required string Subscriber { get; init; }
    }

    private sealed record ClaimedDelivery
    {
        public required int Attempts { get; init; }
        public required string Type { get; init; }
        public required string Payload { get; init; }
    }
}
