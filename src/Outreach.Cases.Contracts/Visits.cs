using Mediator;

namespace Outreach.Cases.Contracts;

/// <summary>A worker visited a person; the gap categories name support the visit found missing in the village.</summary>
public sealed record VisitRecorded(Guid VisitId, Guid PersonId, Guid VillageId, DateOnly VisitedOn, IReadOnlyList<string> GapCategories) : INotification;

public sealed record OverdueFollowUp(Guid FollowUpId, Guid PersonId, string PersonReference, Guid AssignedWorkerId, DateOnly DueOn);

/// <summary>Open follow-ups that passed their due date, each announced once per day it stays overdue.</summary>
public sealed record FollowUpsOverdue(IReadOnlyList<OverdueFollowUp> FollowUps) : INotification;
