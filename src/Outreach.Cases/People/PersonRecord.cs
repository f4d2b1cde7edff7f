using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

internal sealed record PersonRow
{
    public required Guid Id { get; init; }
    public required string Reference { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Sex { get; init; }
    public int? BirthYear { get; init; }
    public string? Phone { get; init; }
    public string? RiskNote { get; init; }
    public required string Status { get; init; }
    public Guid? HouseholdId { get; init; }
    public required Guid VillageId { get; init; }
    public required Guid AssignedWorkerId { get; init; }
    public required string ContentHash { get; init; }
    public required int Version { get; init; }
    public Guid? MergedIntoId { get; init; }
}

internal static class PersonRecord
{
    public const string Columns = """
        p.id, p.reference, p.given_name, p.family_name, p.sex, p.birth_year, p.phone, p.risk_note, p.status,
        p.household_id, p.village_id, p.assigned_worker_id, p.content_hash, p.version, p.merged_into_id
        """;

    private const string InScopeSql = "SELECT " + Columns + " FROM cases_person p WHERE p.id = @Id AND " + CaseScope.Person;

    private const string ExistsSql = "SELECT COUNT(*) FROM cases_person WHERE id = @Id";

    private const string LiveGrantSql = """
        SELECT COUNT(*) FROM cases_access_grant WHERE person_id = @PersonId AND user_id = @UserId AND expires_at > @Now
        """;

    /// <summary>The person if the caller's regions include their village; a missing or out-of-scope person is a 404 either way.</summary>
    public static async Task<PersonRow> RequireInScopeAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.RequireInScopeAsync<PersonRow>(InScopeSql, scope.SqlArgs(db, new { Id = id }), ExistsSql, "person", id, cancellationToken);
    }

    /// <summary>
    /// Need-to-know: sensitive notes are for the person's own worker, the coordinators of their region, and whoever
    /// opened them with a reason (break-glass) until that grant runs out.
    /// </summary>
    public static async Task<bool> MaySeeSensitiveAsync(this DbSession db, ICurrentUser caller, TimeProvider time, PersonRow person, CancellationToken cancellationToken) =>
        person.AssignedWorkerId == caller.UserId || caller.IsIn(Roles.Coordinator)
        || await db.ExecuteScalarAsync<long>(LiveGrantSql, new { PersonId = person.Id, caller.UserId, Now = time.GetUtcNow() }, cancellationToken) > 0;

    /// <summary>A person's name as shown to workers; a pseudonymous person (no name recorded) is shown by their reference.</summary>
    public static string DisplayName(string reference, string? givenName, string? familyName) =>
        givenName is null && familyName is null ? reference : string.Join(' ', new[] { givenName, familyName }.Where(n => n is not null));

    /// <summary>A short, stable reference a worker can say aloud or write on paper; pseudonymous people are known only by it.</summary>
    public static string ReferenceFor(Guid id)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        var bytes = SHA256.HashData(id.ToByteArray());
        var code = new StringBuilder("P-");
        for (var i = 0; i < 10; i++) code.Append(alphabet[bytes[i] % alphabet.Length]);
        return code.ToString();
    }

    /// <summary>
    /// The serialized shape of a request, hashed: how replays were recognised before ADR 0018. Kept to read hashes
    /// stored then (through frozen shape records), and for households until they move to <see cref="CanonicalHash"/>.
    /// </summary>
    public static string HashOf(object content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content)));

    /// <summary>The village a person is recorded in must be a village inside the caller's regions.</summary>
    public static async Task<RegionSummary> RequireVillageAsync(ISender sender, Guid villageId, CancellationToken cancellationToken)
    {
        var village = await sender.Send(new RequireRegionInScope(villageId), cancellationToken);
        if (village.Level != RegionLevel.Village) throw new UnprocessableProblem($"'{village.Name}' is a {village.Level}; people are recorded in a village.");
        return village;
    }
}
