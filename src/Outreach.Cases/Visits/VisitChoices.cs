namespace Outreach.Cases.Visits;

/// <summary>What a visit form offers: the purposes a visit may have and the service gaps a worker may note.</summary>
public static class VisitChoices
{
    public static readonly IReadOnlyList<string> Purposes = ["first-contact", "check-in", "follow-up", "crisis-support", "referral", "awareness"];

    public static readonly IReadOnlyList<string> GapCategories = ["mental-health-support", "counselling", "support-group", "clinic", "helpline", "transport"];
}
