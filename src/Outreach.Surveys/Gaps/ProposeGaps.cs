using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Gaps;

/// <summary>
/// The evidence rule: where at least N responses from one village report the same missing service and no gap tracks it
/// yet, propose one (state reported, origin "rule") for a coordinator to verify. Runs hourly and after each import.
/// </summary>
public sealed record ProposeGaps : ICommand<int>;

internal sealed class ProposeGapsHandler(DbSession db, ICurrentUser caller, TimeProvider time, IOptions<GapOptions> options) : ICommandHandler<ProposeGaps, int>
{
    private const string CandidatesSql = """
        SELECT e.village_id, e.category, COUNT(*) AS responses, MIN(r.region_path) AS region_path
        FROM surveys_response_gap e JOIN surveys_response r ON r.id = e.response_id
        WHERE NOT EXISTS (SELECT 1 FROM surveys_gap g WHERE g.village_id = e.village_id AND g.category = e.category)
        GROUP BY e.village_id, e.category
        HAVING COUNT(*) >= @Threshold
        """;

    private sealed record Candidate
    {
        public required Guid VillageId { get; init; }
        public required string Category { get; init; }
        public required int Responses { get; init; }
        public required string RegionPath { get; init; }
    }

    public async ValueTask<int> Handle(ProposeGaps command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Gaps are proposed by the scheduled job.");
        var candidates = await db.QueryAsync<Candidate>(CandidatesSql, new { Threshold = options.Value.ProposeAfterResponses }, cancellationToken);
        var now = time.GetUtcNow();
        // A category the programme does not track is never proposed, so it is not counted either.
        var proposals = candidates.Where(c => options.Value.Categories.Contains(c.Category)).ToList();
        foreach (var candidate in proposals)
        {
            await GapRecord.InsertAsync(db, NewId.Next(time), candidate.Category, candidate.RegionPath, "rule",
                $"{candidate.Responses} survey responses from this village report it.", caller.UserId, now, cancellationToken);
        }
        return proposals.Count;
    }
}
