using Mediator;

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
}

/// <summary>The caller's region scope, for modules that filter their own rows by a stored region path.</summary>
public sealed record GetCallerScope : IQuery<RegionScope>;

/// <summary>A region and everything below it, if it lies in the caller's scope; otherwise a not-found problem.</summary>
public sealed record GetRegionSubtree(Guid RegionId) : IQuery<IReadOnlyList<RegionSummary>>;

/// <summary>The region if the caller may work in it, else null. Use before storing a record against a region.</summary>
public sealed record FindRegionInScope(Guid RegionId) : IQuery<RegionSummary?>;
