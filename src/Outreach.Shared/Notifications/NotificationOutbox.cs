using System.Collections.Concurrent;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared.Data;

namespace Outreach.Shared.Notifications;

/// <summary>
/// Writes the notifications a command raised into its own transaction: one row per notification and one delivery per
/// subscriber, so committing the command and recording what must follow from it are one atomic step (ADR 0015).
/// </summary>
public sealed class NotificationOutbox(IServiceScopeFactory scopes, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<Type, string[]> subscribers = new();

    private const string InsertNotificationSql =
        "INSERT INTO shared_notification (id, type, payload, raised_at) VALUES (@Id, @Type, @Payload, @Now)";

    private const string InsertDeliverySql = """
        INSERT INTO shared_notification_delivery (notification_id, subscriber, attempts, next_attempt_at)
        VALUES (@NotificationId, @Subscriber, 0, @Now)
        """;

    internal async Task<IReadOnlyList<Guid>> AppendAsync(DbSession db, IReadOnlyList<INotification> raised, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var ids = new List<Guid>(raised.Count);
        foreach (var notification in raised)
        {
            var type = notification.GetType();
            var id = NewId.Next(time);
            await db.ExecuteAsync(InsertNotificationSql, new
            {
                Id = id,
                Type = TypeName(type),
                Payload = JsonSerializer.Serialize(notification, type, Json),
                Now = now,
            }, cancellationToken);
            foreach (var subscriber in await SubscribersOfAsync(type))
            {
                await db.ExecuteAsync(InsertDeliverySql, new { NotificationId = id, Subscriber = subscriber, Now = now }, cancellationToken);
            }
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The stable name a notification is stored under: its contract type and the assembly that defines it.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    internal static Type? TypeOf(string name) =>
        Type.GetType(name, throwOnError: false) is { } type && typeof(INotification).IsAssignableFrom(type) ? type : null;

    internal static Type HandlerType(Type notificationType) => typeof(INotificationHandler<>).MakeGenericType(notificationType);

    /// <summary>The subscribers of a notification type, named by their handler type; the set is fixed once the host is built.</summary>
    internal async ValueTask<IReadOnlyList<string>> SubscribersOfAsync(Type notificationType)
    {
        if (subscribers.TryGetValue(notificationType, out var known)) return known;
        await using var scope = scopes.CreateAsyncScope();
        return subscribers.GetOrAdd(notificationType,
            [.. scope.ServiceProvider.GetServices(HandlerType(notificationType)).Select(h => h!.GetType().FullName!).Distinct().Order(StringComparer.Ordinal)]);
    }
}
