using Dapper;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Cases.Directory;

internal sealed class DirectoryOptions
{
    public const string Section = "Cases:Directory";

    public int StaleAfterDays { get; set; } = 180;
}

public sealed record ServiceDetails
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required Guid RegionId { get; init; }
    public required RegionLevel RegionLevel { get; init; }
    public string? Languages { get; init; }
    public required string Contact { get; init; }
    public string? Hours { get; init; }
    public required string Mode { get; init; }
    public required DateOnly LastVerifiedOn { get; init; }
    public required int Version { get; init; }
}

internal sealed record ServiceRow
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required Guid RegionId { get; init; }
    public required int RegionLevel { get; init; }
    public required string RegionPath { get; init; }
    public string? Languages { get; init; }
    public required string Contact { get; init; }
    public string? Hours { get; init; }
    public required string Mode { get; init; }
    public required DateOnly LastVerifiedOn { get; init; }
    public required string ContentHash { get; init; }
    public required int Version { get; init; }

    public ServiceDetails ToDetails() => new()
    {
        Id = Id, Name = Name, Category = Category, RegionId = RegionId, RegionLevel = (RegionLevel)RegionLevel, Languages = Languages,
        Contact = Contact, Hours = Hours, Mode = Mode, LastVerifiedOn = LastVerifiedOn, Version = Version,
    };
}

/// <summary>
/// A service serves a state, district or block. The caller sees services inside their regions and services at their regions'
/// ancestors (a state helpline serves every district); they may change only those inside their regions.
/// </summary>
internal static class ServiceRecord
{
    public const string SupportGroup = "support-group";

    public static readonly string[] Categories = [SupportGroup, "clinic", "counsellor", "helpline", "government-scheme", "other"];

    public static readonly string[] Modes = ["in-person", "virtual", "both"];

    public const string Columns = """
        s.id, s.name, s.category, s.region_id, s.region_level, s.region_path, s.languages, s.contact, s.hours, s.mode,
        s.last_verified_on, s.content_hash, s.version
        """;

    public const string Visible = """
        ({in:s.country_id,@CountryIds} OR {in:s.state_id,@StateIds} OR {in:s.district_id,@DistrictIds}
         OR {in:s.block_id,@BlockIds} OR {in:s.region_id,@AncestorIds})
        """;

    private const string ByIdSql = "SELECT " + Columns + " FROM cases_service s WHERE s.id = @Id";

    public static DynamicParameters Args(DbSession db, RegionScope scope, object values, bool withAncestors = true)
    {
        var ids = scope.Ids();
        var ancestors = scope.Paths.SelectMany(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)).Select(id => Guid.ParseExact(id, "N"))
            .DefaultIfEmpty(Guid.Empty).Distinct();
        var args = new DynamicParameters(values);
        args.Add("CountryIds", db.IdList(ids.CountryIds));
        args.Add("StateIds", db.IdList(ids.StateIds));
        args.Add("DistrictIds", db.IdList(ids.DistrictIds));
        args.Add("BlockIds", db.IdList(ids.BlockIds));
        if (withAncestors) args.Add("AncestorIds", db.IdList(ancestors));
        return args;
    }

    public static bool MaySee(this RegionScope scope, ServiceRow service) =>
        scope.Contains(service.RegionPath) || scope.Paths.Any(p => p.StartsWith(service.RegionPath, StringComparison.Ordinal));

    /// <summary>The service if the caller may see it (or, with <paramref name="forChange"/>, change it); otherwise a 404.</summary>
    public static async Task<ServiceRow> RequireServiceAsync(this DbSession db, ISender sender, Guid id, bool forChange, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<ServiceRow>(ByIdSql, new { Id = id }, cancellationToken)
            ?? throw new NotFoundProblem("service", id);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        if (forChange ? scope.Contains(row.RegionPath) : scope.MaySee(row)) return row;
        throw new OutOfScopeProblem("service", id);
    }

    public static async Task<(RegionSummary Region, RegionAncestry Ancestry)> RequireServedRegionAsync(ISender sender, Guid regionId, CancellationToken cancellationToken)
    {
        var region = await sender.Send(new FindRegionInScope(regionId), cancellationToken) ?? throw new NotFoundProblem("region", regionId);
        if (region.Level is not (RegionLevel.State or RegionLevel.District or RegionLevel.Block))
        {
            throw new UnprocessableProblem($"'{region.Name}' is a {region.Level}; a service serves a state, district or block.");
        }
        return (region, RegionAncestry.FromPath(region.Path));
    }

}
