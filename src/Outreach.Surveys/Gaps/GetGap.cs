using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Responses;

namespace Outreach.Surveys.Gaps;

public sealed record GapHistoryEntry
{
    public string? FromState { get; init; }
    public required string ToState { get; init; }
    public string? Note { get; init; }
    public required Guid ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}

public sealed record GapEvidence
{
    public required string Kind { get; init; }
    public required Guid SourceId { get; init; }
    public required DateOnly ObservedOn { get; init; }
}

/// <summary>A gap, its history and evidence, and the states it may move to next.</summary>
public sealed record GapView(
    GapDetails Gap, IReadOnlyList<GapHistoryEntry> History, int ResponseCount, int VisitCount, IReadOnlyList<GapEvidence> RecentEvidence, IReadOnlyList<string> NextStates);

/// <summary>A gap with its history and the evidence behind it: responses reporting the missing service and visits that observed it.</summary>
public sealed record GetGap(Guid Id) : IQuery<GapView>;

internal sealed class GetGapHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetGap, GapView>
{
    private const string HistorySql = """
        SELECT from_state, to_state, note, changed_by, changed_at FROM surveys_gap_history WHERE gap_id = @Id ORDER BY changed_at, id
        """;

    private const string CountsSql = """
        SELECT COALESCE((SELECT responses FROM surveys_gap_tally WHERE village_id = @VillageId AND category = @Category), 0) AS Responses,
               (SELECT COUNT(*) FROM surveys_visit_evidence WHERE village_id = @VillageId AND category = @Category) AS Visits
        """;

    private const string RecentSql = """
        SELECT kind, source_id, observed_on FROM (
            SELECT 'response' AS kind, id AS source_id, collected_on AS observed_on FROM surveys_response
            WHERE village_id = @VillageId AND gap_categories LIKE @Reported
            UNION ALL
            SELECT 'visit', visit_id, visited_on FROM surveys_visit_evidence WHERE village_id = @VillageId AND category = @Category
        ) evidence ORDER BY observed_on DESC, source_id {page}
        """;

    private sealed record Counts
    {
        public required int Responses { get; init; }
        public required int Visits { get; init; }
    }

    public async ValueTask<GapView> Handle(GetGap query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var gap = await db.RequireInScopeAsync(sender, query.Id, cancellationToken);
        var history = await db.QueryAsync<GapHistoryEntry>(HistorySql, new { query.Id }, cancellationToken);
        var key = new { gap.VillageId, gap.Category, Reported = ReportedGaps.Like(gap.Category), Skip = 0, Take = 20 };
        var counts = (await db.QuerySingleOrDefaultAsync<Counts>(CountsSql, key, cancellationToken))!;
        var recent = await db.QueryAsync<GapEvidence>(RecentSql, key, cancellationToken);
        return new GapView(gap, history, counts.Responses, counts.Visits, recent, GapRecord.Transitions.TryGetValue(gap.State, out var next) ? next : []);
    }
}
