using Outreach.Cases.Households;

namespace Outreach.Host.Pages.People;

public static class HouseholdText
{
    public static IReadOnlyList<string> Relationships => HouseholdRelationships.All;

    public static string Words(string relationship) => relationship switch
    {
        "head" => "Head of household",
        _ => char.ToUpperInvariant(relationship[0]) + relationship[1..],
    };
}
