namespace Outreach.Cases.Households;

/// <summary>How a member is related to their household's head; a household has at most one head.</summary>
public static class HouseholdRelationships
{
    public static readonly IReadOnlyList<string> All = ["head", "spouse", "child", "parent", "sibling", "other"];
}
