using Mediator;
using Outreach.Shared.Data;

namespace Outreach.Organization.Contracts;

public enum RegionLevel
{
    Country = 1,
    State = 2,
    District = 3,
    Block = 4,
    Village = 5,
}

public sealed record RegionSummary
{
    public required Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public required RegionLevel Level { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required string Path { get; init; }
}

/// <summary>The caller's regions as materialized-path prefixes; a record is in scope when its region path starts with one of them.</summary>
public sealed record RegionScope(IReadOnlyList<string> Paths)
{
    public static readonly RegionScope Nothing = new([]);

    public bool Contains(string regionPath) => Paths.Any(p => regionPath.StartsWith(p, StringComparison.Ordinal));

    /// <summary>
    /// The assigned regions' ids by level, as SQL list parameters for rows that store their ancestry
    /// (<c>district_id IN @DistrictIds</c>, ...). A list is never empty: Guid.Empty stands in, matching nothing,
    /// because an empty IN list is not portable across providers.
    /// </summary>
    public ScopeIds Ids()
    {
        var byLevel = Paths.Select(RegionAncestry.FromPath).ToLookup(a => a.Level, a => a.RegionId);
        IReadOnlyList<Guid> At(RegionLevel level) => byLevel[level].DefaultIfEmpty(Guid.Empty).ToArray();
        return new ScopeIds(At(RegionLevel.Country), At(RegionLevel.State), At(RegionLevel.District), At(RegionLevel.Block), At(RegionLevel.Village));
    }

    /// <summary>
    /// Query arguments for a module's scope filter over stored ancestry columns: <c>@CountryIds</c>, <c>@StateIds</c>,
    /// <c>@DistrictIds</c>, <c>@BlockIds</c> and <c>@VillageIds</c>, alongside the query's own <paramref name="values"/>.
    /// </summary>
    public object SqlArgs(DbSession db, object values) => db.ScopeArgs(Ids(), values);
}

/// <summary>A region's own id and its ancestors' ids, read from its materialized path (one 32-hex-digit id per level).</summary>
public sealed record RegionAncestry(Guid CountryId, Guid? StateId, Guid? DistrictId, Guid? BlockId, Guid? VillageId)
{
    public RegionLevel Level => VillageId is not null ? RegionLevel.Village : BlockId is not null ? RegionLevel.Block
        : DistrictId is not null ? RegionLevel.District : StateId is not null ? RegionLevel.State : RegionLevel.Country;

    public Guid RegionId => VillageId ?? BlockId ?? DistrictId ?? StateId ?? CountryId;

    public static RegionAncestry FromPath(string path)
    {
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => Guid.ParseExact(id, "N")).ToArray();
        if (ids.Length is < 1 or > 5) throw new FormatException($"'{path}' is not a region path.");
        Guid? At(int index) => index < ids.Length ? ids[index] : null;
        return new RegionAncestry(ids[0], At(1), At(2), At(3), At(4));
    }
}

/// <summary>The caller's region scope, for modules that filter their own rows by a stored region path.</summary>
public sealed record GetCallerScope : IQuery<RegionScope>;

public sealed record RegionCount
{
    public required RegionLevel Level { get; init; }
    public required int Count { get; init; }
}

/// <summary>How many regions of each level lie below a region in the caller's scope (counted in SQL, not loaded).</summary>
public sealed record CountRegionsBelow(Guid RegionId) : IQuery<IReadOnlyList<RegionCount>>;

/// <summary>A region and everything below it, if it lies in the caller's scope; otherwise a not-found problem.</summary>
public sealed record GetRegionSubtree(Guid RegionId) : IQuery<IReadOnlyList<RegionSummary>>;

/// <summary>The region if the caller may work in it; otherwise a 404 problem, audited as a denial when the region exists elsewhere.</summary>
public sealed record RequireRegionInScope(Guid RegionId) : IQuery<RegionSummary>;

/// <summary>The region if the caller may work in it, else null. Use before storing a record against a region.</summary>
public sealed record FindRegionInScope(Guid RegionId) : IQuery<RegionSummary?>;
