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
        var root = await sender.Send(new RequireRegionInScope(query.RegionId), cancellationToken);
        var below = await sender.Send(new CountRegionsBelow(query.RegionId), cancellationToken);
        return new RegionCoverage(root.Id, root.Name, root.LocalName, root.Level, [.. below.Select(c => new LevelCount(c.Level, c.Count))]);
    }
}
