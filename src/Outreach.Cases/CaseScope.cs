namespace Outreach.Cases;

/// <summary>Filters on the region ancestry every Cases row stores; arguments come from <c>RegionScope.SqlArgs</c>.</summary>
internal static class CaseScope
{
    public const string Person = """
        ({in:p.country_id,@CountryIds} OR {in:p.state_id,@StateIds} OR {in:p.district_id,@DistrictIds}
         OR {in:p.block_id,@BlockIds} OR {in:p.village_id,@VillageIds})
        """;

    public const string Household = """
        ({in:h.country_id,@CountryIds} OR {in:h.state_id,@StateIds} OR {in:h.district_id,@DistrictIds}
         OR {in:h.block_id,@BlockIds} OR {in:h.village_id,@VillageIds})
        """;
}
