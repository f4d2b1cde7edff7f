using Mediator;
using Microsoft.Extensions.Logging;
using Outreach.Cases.Contracts;

namespace Outreach.Cases.Referrals;

/// <summary>Until the notifications module exists, escalations, closed loops and support-group referrals reach the operators as structured log lines.</summary>
internal sealed partial class LogReferralNotifications(ILogger<LogReferralNotifications> logger)
    : INotificationHandler<ReferralEscalated>, INotificationHandler<ReferralClosed>, INotificationHandler<PersonReferredToGroup>
{
    public ValueTask Handle(ReferralEscalated notification, CancellationToken cancellationToken)
    {
        LogEscalated(notification.ReferralId, notification.CreatedBy, notification.SentAt);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(ReferralClosed notification, CancellationToken cancellationToken)
    {
        LogClosed(notification.ReferralId, notification.ServiceId);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(PersonReferredToGroup notification, CancellationToken cancellationToken)
    {
        LogReferredToGroup(notification.ReferralId, notification.ServiceId, notification.VillageId, notification.ReferredOn);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Referral {ReferralId} to support group {ServiceId} from village {VillageId} on {ReferredOn:yyyy-MM-dd}")]
    private partial void LogReferredToGroup(Guid referralId, Guid serviceId, Guid villageId, DateOnly referredOn);

    [LoggerMessage(LogLevel.Warning, "Referral {ReferralId} by {CreatedBy}, sent {SentAt:u}, has no answer from the provider: escalated")]
    private partial void LogEscalated(Guid referralId, Guid createdBy, DateTimeOffset sentAt);

    [LoggerMessage(LogLevel.Information, "Referral {ReferralId} to service {ServiceId} closed")]
    private partial void LogClosed(Guid referralId, Guid serviceId);
}
