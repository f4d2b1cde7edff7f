using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Responses;

/// <summary>Settle a conflict: keep the stored response, or replace it with the one that arrived later (the replaced version stays on the conflict).</summary>
public sealed record ResolveSyncConflict(Guid Id, bool TakeSubmitted) : ICommand;

internal sealed class ResolveSyncConflictHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<ResolveSyncConflict>
{
    private const string ConflictSql = ListSyncConflictsHandler.Select + " WHERE c.id = @Id AND " + SurveysScope.Response;

    private const string ExistsSql = "SELECT COUNT(*) FROM surveys_sync_conflict WHERE id = @Id";

    private const string ReplaceSql = """
        UPDATE surveys_response SET answers = @Answers, gap_categories = @GapCategories, content_hash = @ContentHash, collected_on = @CollectedOn,
            latitude = @Latitude, longitude = @Longitude WHERE id = @ResponseId AND content_hash = @ReadHash
        """;

    private const string SettleSql = """
        UPDATE surveys_sync_conflict SET status = @Status, replaced = @Replaced, resolved_by = @CallerId, resolved_at = @Now WHERE id = @Id AND status = 'open'
        """;

    private const string ResponseSql = """
        SELECT template_id, template_version, village_id, region_path, campaign_id, collected_on, latitude, longitude, answers, gap_categories, content_hash
        FROM surveys_response WHERE id = @ResponseId
        """;

    private sealed record ResponseRow
    {
        public required Guid TemplateId { get; init; }
        public required int TemplateVersion { get; init; }
        public required Guid VillageId { get; init; }
        public required string RegionPath { get; init; }
        public Guid? CampaignId { get; init; }
        public required DateOnly CollectedOn { get; init; }
        public decimal? Latitude { get; init; }
        public decimal? Longitude { get; init; }
        public required string Answers { get; init; }
        public string? GapCategories { get; init; }
        public required string ContentHash { get; init; }

        /// <summary>The stored version in the canonical form.</summary>
        public string Canonical(Guid id) => Encoding.UTF8.GetString(ResponseIntake.CanonicalUtf8(new ResponseSubmission
        {
            Id = id, TemplateId = TemplateId, TemplateVersion = TemplateVersion, CampaignId = CampaignId, VillageId = VillageId,
            CollectedOn = CollectedOn, Latitude = Latitude, Longitude = Longitude, Answers = new Dictionary<string, JsonElement>(),
        }, Answers));
    }

    public async ValueTask<Unit> Handle(ResolveSyncConflict command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var conflict = await db.RequireInScopeAsync<SyncConflict>(ConflictSql, scope.SqlArgs(db, new { command.Id }), ExistsSql, "conflict", command.Id, cancellationToken);
        if (conflict.Status != "open") throw new ConflictProblem("This conflict was already settled.");

        string? replaced = null;
        if (command.TakeSubmitted)
        {
            var submitted = JsonNode.Parse(conflict.Submitted)!.AsObject();
            var response = (await db.QuerySingleOrDefaultAsync<ResponseRow>(ResponseSql, new { conflict.ResponseId }, cancellationToken))!;
            if (submitted["templateVersion"]!.GetValue<int>() != response.TemplateVersion || submitted["villageId"]!.GetValue<Guid>() != response.VillageId)
            {
                throw new UnprocessableProblem("The later version answers another survey version or village; record it as a new response instead.");
            }
            var version = await SurveyVersion.LoadAsync(db, response.TemplateId, response.TemplateVersion, cancellationToken);
            var sheet = version.Read(submitted["answers"].Deserialize<Dictionary<string, JsonElement>>()!);
            if (!sheet.IsValid) throw new UnprocessableProblem("The later version no longer passes this survey version's checks; record it as a new response instead.");
            var gaps = sheet.Gaps;
            var collectedOn = DateOnly.Parse(submitted["collectedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            var before = new TallyEntry(response.RegionPath, response.CampaignId, response.CollectedOn, ReportedGaps.Parse(response.GapCategories));
            replaced = response.Canonical(conflict.ResponseId);
            // Only the version read above is replaced: another coordinator taking another later version meanwhile wins, and this one is told.
            var replacedRows = await db.ExecuteAsync(ReplaceSql, new
            {
                conflict.ResponseId, Answers = sheet.ToJson(), GapCategories = ReportedGaps.Column(gaps), ContentHash = ResponseIntake.HashOf(conflict.Submitted),
                CollectedOn = collectedOn, Latitude = submitted["latitude"]?.GetValue<decimal>(), Longitude = submitted["longitude"]?.GetValue<decimal>(),
                ReadHash = response.ContentHash,
            }, cancellationToken);
            if (replacedRows == 0) throw new ConflictProblem("The stored response changed while you were looking at it; reload the conflicts and choose again.");
            await ResponseTally.CountAsync(db, [before], -1, cancellationToken);
            await ResponseTally.CountAsync(db, [before with { CollectedOn = collectedOn, Gaps = gaps }], +1, cancellationToken);
        }
        var settled = await db.ExecuteAsync(SettleSql, new { command.Id, Status = command.TakeSubmitted ? "replaced" : "kept", Replaced = replaced, CallerId = caller.UserId, Now = time.GetUtcNow() }, cancellationToken);
        if (settled == 0) throw new ConflictProblem("This conflict was already settled.");
        return Unit.Value;
    }
}
