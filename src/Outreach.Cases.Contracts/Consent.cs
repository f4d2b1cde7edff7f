using Mediator;

namespace Outreach.Cases.Contracts;

public enum ConsentPurpose
{
    CaseWork,
    ReferralSharing,
    Reporting,
    SmsContact,
}

public enum ConsentMethod
{
    Verbal,
    Written,
}

/// <summary>Whether a person's consent for a purpose stands today: the latest record grants it and has not expired.</summary>
public sealed record HasConsent(Guid PersonId, ConsentPurpose Purpose) : IQuery<bool>;
