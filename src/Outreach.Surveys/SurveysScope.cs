using Outreach.Shared;

namespace Outreach.Surveys;

/// <summary>Filters on the region ancestry Surveys rows store; arguments come from <c>RegionScope.SqlArgs</c>.</summary>
internal static class SurveysScope
{
    /// <summary>Survey results describe villages, not people: every role may read those in its regions.</summary>
    public static readonly string[] Readers = [Roles.OutreachWorker, Roles.Coordinator, Roles.Manager, Roles.Admin];

    public const string Response = """
        ({in:r.country_id,@CountryIds} OR {in:r.state_id,@StateIds} OR {in:r.district_id,@DistrictIds}
         OR {in:r.block_id,@BlockIds} OR {in:r.village_id,@VillageIds})
        """;

    public const string Gap = """
        ({in:g.country_id,@CountryIds} OR {in:g.state_id,@StateIds} OR {in:g.district_id,@DistrictIds}
         OR {in:g.block_id,@BlockIds} OR {in:g.village_id,@VillageIds})
        """;

    public const string Tally = """
        ({in:t.country_id,@CountryIds} OR {in:t.state_id,@StateIds} OR {in:t.district_id,@DistrictIds}
         OR {in:t.block_id,@BlockIds} OR {in:t.village_id,@VillageIds})
        """;

    /// <summary>For district-level tallies: enough when the caller holds no block or village assignment.</summary>
    public const string DistrictTally = """
        ({in:t.country_id,@CountryIds} OR {in:t.state_id,@StateIds} OR {in:t.district_id,@DistrictIds})
        """;
}
