using Mediator;
using Microsoft.Extensions.Logging;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Gaps;

/// <summary>The visible trace of gap milestones until Events and Volunteers subscribe to link their work to a gap.</summary>
internal sealed partial class LogGapNotificationsHandler(ILogger<LogGapNotificationsHandler> logger)
    : INotificationHandler<GapVerified>, INotificationHandler<GapResolved>
{
    public ValueTask Handle(GapVerified notification, CancellationToken cancellationToken)
    {
        LogVerified(notification.GapId, notification.Category, notification.VillageId, notification.DueOn);
        return ValueTask.CompletedTask;
    }

    public ValueTask Handle(GapResolved notification, CancellationToken cancellationToken)
    {
        LogResolved(notification.GapId, notification.Category, notification.VillageId);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Gap {GapId} ({Category}) in village {VillageId} verified; due {DueOn}")]
    private partial void LogVerified(Guid gapId, string category, Guid villageId, DateOnly? dueOn);

    [LoggerMessage(LogLevel.Information, "Gap {GapId} ({Category}) in village {VillageId} resolved")]
    private partial void LogResolved(Guid gapId, string category, Guid villageId);
}
