using Mediator;
using Outreach.Organization.Contracts;

namespace Outreach.Surveys.Contracts;

/// <summary>A coordinator confirmed the gap: Events and Volunteers may plan an event or a drive against it.</summary>
public sealed record GapVerified(Guid GapId, Guid VillageId, string Category, Guid? OwnerId, DateOnly? DueOn) : INotification;

/// <summary>The village has the service now; whatever addressed the gap can be closed.</summary>
public sealed record GapResolved(Guid GapId, Guid VillageId, string Category) : INotification;

public sealed record GapCount
{
    public required Guid RegionId { get; init; }
    public required string Category { get; init; }
    public required string State { get; init; }
    public required int Count { get; init; }
}

/// <summary>Gaps in the caller's scope counted per region at <paramref name="Level"/> (below <paramref name="RegionId"/> if given), category and state.</summary>
public sealed record CountGaps(RegionLevel Level, Guid? RegionId = null) : IQuery<IReadOnlyList<GapCount>>;

public sealed record ResponseCount
{
    public required Guid CampaignId { get; init; }
    public required string CampaignName { get; init; }
    public required int Responses { get; init; }
    public required int Villages { get; init; }
}

/// <summary>Responses per campaign in the caller's scope.</summary>
public sealed record CountResponsesByCampaign : IQuery<IReadOnlyList<ResponseCount>>;

public sealed record MonthlyCount
{
    public required string Month { get; init; }
    public required int Count { get; init; }
}

/// <summary>Responses collected per month (yyyy-MM) in the caller's scope, optionally for one campaign.</summary>
public sealed record CountResponsesByMonth(Guid? CampaignId = null) : IQuery<IReadOnlyList<MonthlyCount>>;

/// <summary>Gaps reported per month, and gaps resolved per month, in the caller's scope.</summary>
public sealed record GapTrend
{
    public required IReadOnlyList<MonthlyCount> Reported { get; init; }
    public required IReadOnlyList<MonthlyCount> Resolved { get; init; }
}

public sealed record CountGapsByMonth : IQuery<GapTrend>;
