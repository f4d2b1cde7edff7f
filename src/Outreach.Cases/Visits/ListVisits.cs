using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Visits;

public sealed record VisitDetails(
    Guid Id, Guid PersonId, Guid VillageId, DateOnly VisitedOn, decimal? Latitude, decimal? Longitude, string Purpose, string? Notes,
    bool HasHealthNotes, string? HealthNotes, IReadOnlyList<string> GapCategories, Guid RecordedBy, DateTimeOffset CreatedAt);

/// <summary>A person's visits, newest first. Health notes are shown only to those who need to know; others see that there are some.</summary>
public sealed record ListVisits(Guid PersonId) : IQuery<IReadOnlyList<VisitDetails>>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class ListVisitsHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : IQueryHandler<ListVisits, IReadOnlyList<VisitDetails>>
{
    private const string Sql = "SELECT " + VisitRow.Columns + " FROM cases_visit v WHERE v.person_id = @PersonId ORDER BY v.visited_on DESC, v.id DESC";

    public async ValueTask<IReadOnlyList<VisitDetails>> Handle(ListVisits query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var person = await db.RequireInScopeAsync(sender, query.PersonId, cancellationToken);
        var sensitive = await db.MaySeeSensitiveAsync(caller, time, person, cancellationToken);
        var rows = await db.QueryAsync<VisitRow>(Sql, new { query.PersonId }, cancellationToken);
        return [.. rows.Select(r => r.ToDetails(sensitive))];
    }
}

internal sealed record VisitRow
{
    public const string Columns = """
        v.id, v.person_id, v.village_id, v.visited_on, v.latitude, v.longitude, v.purpose, v.notes, v.health_notes, v.gap_categories,
        v.content_hash, v.recorded_by, v.created_at
        """;

    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required Guid VillageId { get; init; }
    public required DateOnly VisitedOn { get; init; }
    public decimal? Latitude { get; init; }
    public decimal? Longitude { get; init; }
    public required string Purpose { get; init; }
    public string? Notes { get; init; }
    public string? HealthNotes { get; init; }
    public string? GapCategories { get; init; }
    public required string ContentHash { get; init; }
    public required Guid RecordedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    public VisitDetails ToDetails(bool maySeeSensitive) => new(
        Id, PersonId, VillageId, VisitedOn, Latitude, Longitude, Purpose, Notes, maySeeSensitive && HealthNotes is not null, maySeeSensitive ? HealthNotes : null,
        VisitRules.SplitGaps(GapCategories), RecordedBy, CreatedAt);
}
