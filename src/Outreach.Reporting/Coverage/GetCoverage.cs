using Mediator;
using Outreach.Organization.Contracts;

namespace Outreach.Reporting.Coverage;

public sealed record LevelCount(RegionLevel Level, int Count);

public sealed record RegionCoverage(Guid RegionId, string Name, string? LocalName, RegionLevel Level, IReadOnlyList<LevelCount> Below);

/// <summary>How many blocks and villages a programme reaches under one region. Region data comes from Organization's contract.</summary>
public sealed record GetCoverage(Guid RegionId) : IQuery<RegionCoverage>;

internal sealed class GetCoverageHandler(ISender sender) : IQueryHandler<GetCoverage, RegionCoverage>
{
    public async ValueTask<RegionCoverage> Handle(GetCoverage query, CancellationToken cancellationToken)
    {
        var subtree = await sender.Send(new GetRegionSubtree(query.RegionId), cancellationToken);
        var root = subtree.Single(r => r.Id == query.RegionId);
        var below = subtree
            .Where(r => r.Id != root.Id)
            .GroupBy(r => r.Level)
            .OrderBy(g => g.Key)
            .Select(g => new LevelCount(g.Key, g.Count()))
            .ToList();
        return new RegionCoverage(root.Id, root.Name, root.LocalName, root.Level, below);
    }
}
