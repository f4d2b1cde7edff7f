using Mediator;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Cases.Households;

public sealed record HouseholdMember(Guid PersonId, string Reference, string DisplayName, string Relationship, string Status);

public sealed record HouseholdDetails(Guid Id, string Label, Guid VillageId, int Version, IReadOnlyList<HouseholdMember> Members);

internal sealed record HouseholdRow
{
    public required Guid Id { get; init; }
    public required string Label { get; init; }
    public required Guid VillageId { get; init; }
    public string? ContentHash { get; init; }
    public required int Version { get; init; }
}

internal sealed record MemberRow
{
    public required Guid Id { get; init; }
    public required string Reference { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? HouseholdRelationship { get; init; }
    public required string Status { get; init; }
}

internal static class HouseholdRecord
{
    public static IReadOnlyList<string> Relationships => HouseholdRelationships.All;

    private const string InScopeSql = "SELECT h.id, h.label, h.village_id, h.content_hash, h.version FROM cases_household h WHERE h.id = @Id AND " + CaseScope.Household;

    private const string ExistsSql = "SELECT COUNT(*) FROM cases_household WHERE id = @Id";

    private const string SetMembershipSql = """
        UPDATE cases_person SET household_id = @HouseholdId, household_relationship = @Relationship, version = version + 1, updated_at = @Now
        WHERE id = @PersonId AND version = @Version
        """;

    private const string MembersSql = """
        SELECT p.id, p.reference, p.given_name, p.family_name, p.household_relationship, p.status
        FROM cases_person p
        WHERE p.household_id = @Id AND p.status <> 'merged' AND
        """ + " " + CaseScope.Person + """

        ORDER BY CASE p.household_relationship WHEN 'head' THEN 0 WHEN 'spouse' THEN 1 WHEN 'parent' THEN 2 WHEN 'child' THEN 3 ELSE 4 END,
            p.given_name, p.reference
        """;

    /// <summary>The household if the caller's regions include its village; a missing or out-of-scope household is a 404 either way.</summary>
    public static async Task<HouseholdRow> RequireHouseholdAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.RequireInScopeAsync<HouseholdRow>(InScopeSql, scope.SqlArgs(db, new { Id = id }), ExistsSql, "household", id, cancellationToken);
    }

    public static async Task<HouseholdDetails> HouseholdDetailsAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var household = await db.RequireHouseholdAsync(sender, id, cancellationToken);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var members = await db.QueryAsync<MemberRow>(MembersSql, scope.SqlArgs(db, new { Id = id }), cancellationToken);
        return new HouseholdDetails(household.Id, household.Label, household.VillageId, household.Version,
            [.. members.Select(m => new HouseholdMember(
                m.Id, m.Reference, PersonRecord.DisplayName(m.Reference, m.GivenName, m.FamilyName), m.HouseholdRelationship ?? "other", m.Status))]);
    }

    /// <summary>Puts the person into a household with a relationship, or out of any (null); membership raises the person's version.</summary>
    public static async Task SetMembershipAsync(this DbSession db, PersonRow person, Guid? householdId, string? relationship, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var args = new { HouseholdId = householdId, Relationship = relationship, PersonId = person.Id, person.Version, Now = now };
        if (await db.ExecuteAsync(SetMembershipSql, args, cancellationToken) == 0) throw new ConcurrencyProblem("person", person.Version);
    }
}
