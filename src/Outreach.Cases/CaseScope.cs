using Dapper;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;

namespace Outreach.Cases;

/// <summary>Filters on the region ancestry every Cases row stores; the caller's ids come from Organization's GetCallerScope.</summary>
internal static class CaseScope
{
    public const string Person = """
        ({in:p.country_id,@CountryIds} OR {in:p.state_id,@StateIds} OR {in:p.district_id,@DistrictIds}
         OR {in:p.block_id,@BlockIds} OR {in:p.village_id,@VillageIds})
        """;

    public static DynamicParameters Args(DbSession db, RegionScope scope, object values)
    {
        var ids = scope.Ids();
        var args = new DynamicParameters(values);
        args.Add("CountryIds", db.IdList(ids.CountryIds));
        args.Add("StateIds", db.IdList(ids.StateIds));
        args.Add("DistrictIds", db.IdList(ids.DistrictIds));
        args.Add("BlockIds", db.IdList(ids.BlockIds));
        args.Add("VillageIds", db.IdList(ids.VillageIds));
        return args;
    }
}
