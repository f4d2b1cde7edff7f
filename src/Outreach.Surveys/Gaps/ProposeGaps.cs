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
        SELECT t.village_id, t.category, t.responses, t.region_path FROM surveys_gap_tally t
        WHERE t.responses >= @Threshold AND NOT EXISTS (SELECT 1 FROM surveys_gap g WHERE g.village_id = t.village_id AND g.category = t.category)
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
