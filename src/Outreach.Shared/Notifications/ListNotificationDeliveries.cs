using FluentValidation;
using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Shared.Notifications;

public sealed record NotificationDeliveryItem
{
    public required Guid NotificationId { get; init; }
    public required string Type { get; init; }
    public required string Subscriber { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? FailedAt { get; init; }
    public string? LastError { get; init; }

    public bool GivenUp => FailedAt is not null;

    /// <summary>"Outreach.Cases.Contracts.VisitRecorded, Outreach.Cases.Contracts" reads as "VisitRecorded".</summary>
    public string NotificationName => ShortName(Type);

    public string SubscriberName => ShortName(Subscriber);

    private static string ShortName(string typeName)
    {
        var name = typeName.Split(',')[0];
        return name[(name.LastIndexOf('.') + 1)..];
    }
}

/// <summary>
/// For admins: deliveries that have not reached their subscriber, those that gave up first, each with its last error.
/// Notifications carry ids only, never names, so this list holds no personal data.
/// </summary>
public sealed record ListNotificationDeliveries(int Page = 1, int PageSize = 50) : IQuery<Page<NotificationDeliveryItem>>, IPagedRequest;

internal sealed class ListNotificationDeliveriesValidator : AbstractValidator<ListNotificationDeliveries>
{
    public ListNotificationDeliveriesValidator() => Include(new PagedRequestRules());
}

internal sealed class ListNotificationDeliveriesHandler(DbSession db, ICurrentUser caller)
    : IQueryHandler<ListNotificationDeliveries, Page<NotificationDeliveryItem>>
{
    private const string PageSql = """
        SELECT d.notification_id, n.type, d.subscriber, n.raised_at, d.attempts, d.next_attempt_at, d.failed_at, d.last_error
        FROM shared_notification_delivery d JOIN shared_notification n ON n.id = d.notification_id
        WHERE d.delivered_at IS NULL
        ORDER BY CASE WHEN d.failed_at IS NULL THEN 1 ELSE 0 END, n.raised_at, d.notification_id, d.subscriber {page}
        """;

    private const string CountSql = "SELECT COUNT(*) FROM shared_notification_delivery WHERE delivered_at IS NULL";

    public async ValueTask<Page<NotificationDeliveryItem>> Handle(ListNotificationDeliveries query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var rows = await db.QueryAsync<NotificationDeliveryItem>(PageSql, new { Skip = skip, Take = take }, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, cancellationToken: cancellationToken);
        return new Page<NotificationDeliveryItem>(rows, (int)total, query.Page, take);
    }
}
