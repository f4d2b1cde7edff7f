using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Gaps;

internal sealed class GapOptions
{
    public const string Section = "Surveys:Gaps";

    /// <summary>Categories a gap may have; configurable per programme.</summary>
    public List<string> Categories { get; set; } =
        ["mental-health-support", "counselling", "support-group", "clinic", "helpline", "transport", "peer-support", "crisis-line"];

    /// <summary>Days from verification to the due date of a gap's resolution, unless a coordinator sets one.</summary>
    public int ResolveWithinDays { get; set; } = 90;

    /// <summary>Responses from one village reporting the same missing service before a gap is proposed.</summary>
    public int ProposeAfterResponses { get; set; } = 3;
}

public sealed record GapDetails
{
    public required Guid Id { get; init; }
    public required string Category { get; init; }
    public required Guid VillageId { get; init; }
    public required string State { get; init; }
    public required string Origin { get; init; }
    public string? Description { get; init; }
    public Guid? OwnerId { get; init; }
    public DateOnly? DueOn { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required int Version { get; init; }
}

internal static class GapStates
{
    public const string Reported = "reported";
    public const string Verified = "verified";
    public const string ActionPlanned = "action-planned";
    public const string Addressed = "addressed";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Reported, Verified, ActionPlanned, Addressed, Resolved];
}

internal static class GapRecord
{
    public const string Columns = """
        g.id, g.category, g.village_id, g.state, g.origin, g.description, g.owner_id, g.due_on, g.reported_at, g.updated_at, g.version
        """;

    private const string InScopeSql = "SELECT " + Columns + " FROM surveys_gap g WHERE g.id = @Id AND " + SurveysScope.Gap;

    private const string ExistsSql = "SELECT COUNT(*) FROM surveys_gap WHERE id = @Id";

    private const string InsertSql = """
        INSERT INTO surveys_gap (id, category, village_id, block_id, district_id, state_id, country_id, region_path, state, origin,
            description, reported_by, reported_at, updated_at, version)
        VALUES (@Id, @Category, @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, 'reported', @Origin,
            @Description, @CallerId, @Now, @Now, 1)
        """;

    private const string HistorySql = """
        INSERT INTO surveys_gap_history (id, gap_id, from_state, to_state, note, changed_by, changed_at)
        VALUES (@Id, @GapId, @FromState, @ToState, @Note, @CallerId, @Now)
        """;

    /// <summary>Each state and the states a coordinator may move a gap to from it; reopening goes back to reported.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Transitions = new Dictionary<string, string[]>
    {
        [GapStates.Reported] = [GapStates.Verified, GapStates.Resolved],
        [GapStates.Verified] = [GapStates.ActionPlanned, GapStates.Resolved],
        [GapStates.ActionPlanned] = [GapStates.Addressed, GapStates.Resolved],
        [GapStates.Addressed] = [GapStates.Resolved, GapStates.Reported],
        [GapStates.Resolved] = [GapStates.Reported],
    };

    public static async Task<GapDetails> RequireInScopeAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.RequireInScopeAsync<GapDetails>(InScopeSql, scope.SqlArgs(db, new { Id = id }), ExistsSql, "gap", id, cancellationToken);
    }

    public static async Task InsertAsync(DbSession db, Guid id, string category, string villagePath, string origin, string? description,
        Guid callerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ancestry = RegionAncestry.FromPath(villagePath);
        await db.ExecuteAsync(InsertSql, new
        {
            Id = id, Category = category, ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId,
            RegionPath = villagePath, Origin = origin, Description = description, CallerId = callerId, Now = now,
        }, cancellationToken);
        await RecordHistoryAsync(db, id, null, GapStates.Reported, description, callerId, now, cancellationToken);
    }

    public static Task RecordHistoryAsync(DbSession db, Guid gapId, string? from, string to, string? note, Guid callerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(HistorySql, new { Id = Guid.CreateVersion7(now), GapId = gapId, FromState = from, ToState = to, Note = note, CallerId = callerId, Now = now }, cancellationToken);
}
