using Mediator;
using Outreach.Cases.Contracts;
using Outreach.Shared.Data;

namespace Outreach.Surveys.Gaps;

/// <summary>A visit that found services missing counts as evidence for the village's gaps of those categories.</summary>
internal sealed class RecordVisitEvidenceHandler(DbSession db) : INotificationHandler<VisitRecorded>
{
    private const string Sql = """
        INSERT INTO surveys_visit_evidence (visit_id, category, village_id, visited_on)
        SELECT @VisitId, @Category, @VillageId, @VisitedOn
        WHERE NOT EXISTS (SELECT 1 FROM surveys_visit_evidence WHERE visit_id = @VisitId AND category = @Category)
        """;

    public async ValueTask Handle(VisitRecorded notification, CancellationToken cancellationToken)
    {
        foreach (var category in notification.GapCategories)
        {
            await db.ExecuteAsync(Sql, new { notification.VisitId, Category = category, notification.VillageId, notification.VisitedOn }, cancellationToken);
        }
    }
}
