using FluentValidation;
using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Shared.Notifications;

/// <summary>An admin sends a delivery that gave up (or is waiting) again now, once its cause is fixed; the worker picks it up within seconds.</summary>
public sealed record RetryNotificationDelivery(Guid NotificationId, string Subscriber) : ICommand<Unit>;

internal sealed class RetryNotificationDeliveryValidator : AbstractValidator<RetryNotificationDelivery>
{
    public RetryNotificationDeliveryValidator()
    {
        RuleFor(x => x.NotificationId).NotEmpty();
        RuleFor(x => x.Subscriber).NotEmpty().MaximumLength(200);
    }
}

internal sealed class RetryNotificationDeliveryHandler(DbSession db, ICurrentUser caller, TimeProvider time)
    : ICommandHandler<RetryNotificationDelivery, Unit>
{
    private const string Sql = """
        UPDATE shared_notification_delivery SET failed_at = NULL, next_attempt_at = @Now
        WHERE notification_id = @NotificationId AND subscriber = @Subscriber AND delivered_at IS NULL
        """;

    public async ValueTask<Unit> Handle(RetryNotificationDelivery command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        var changed = await db.ExecuteAsync(Sql, new { command.NotificationId, command.Subscriber, Now = time.GetUtcNow() }, cancellationToken);
        if (changed == 0) throw new NotFoundProblem("notification delivery", command.NotificationId);
        return Unit.Value;
    }
}
