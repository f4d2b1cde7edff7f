using Mediator;

namespace Outreach.Cases.Contracts;

/// <summary>A referral's loop was closed: the person attended, or the referral ended another way and was closed.</summary>
public sealed record ReferralClosed(Guid ReferralId, Guid PersonId, Guid ServiceId) : INotification;

/// <summary>A provider has not answered a sent referral in time; raised once per referral.</summary>
public sealed record ReferralEscalated(Guid ReferralId, Guid PersonId, Guid ServiceId, Guid CreatedBy, DateTimeOffset SentAt) : INotification;

/// <summary>
/// A person was referred to a support group in the directory, e.g. so that the Events module can expect them at a session.
/// Carries no name: the village and the date are all a planner needs, and the referral id leads back for those allowed.
/// </summary>
public sealed record PersonReferredToGroup(Guid ReferralId, Guid ServiceId, Guid VillageId, DateOnly ReferredOn) : INotification;
