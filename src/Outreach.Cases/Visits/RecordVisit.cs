using FluentValidation;
using Mediator;
using Outreach.Cases.Consent;
using Microsoft.Extensions.Logging;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Visits;

/// <summary>
/// Record a visit to a person in a village, with an optional GPS fix and the service gaps the worker found. The id is the
/// client's: replaying the same visit returns it, a different one under the same id is a conflict showing both.
/// </summary>
public sealed record RecordVisit(
    Guid Id, Guid PersonId, Guid VillageId, DateOnly VisitedOn, decimal? Latitude, decimal? Longitude, string Purpose,
    string? Notes, string? HealthNotes, IReadOnlyList<string>? GapCategories)
    : ICommand<VisitDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class RecordVisitValidator : AbstractValidator<RecordVisit>
{
    public RecordVisitValidator(TimeProvider time)
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.VillageId).NotEmpty();
        RuleFor(x => x.VisitedOn).GreaterThanOrEqualTo(VisitRules.Earliest)
            .Must(on => on <= VisitRules.LatestToday(time)).WithMessage("A visit cannot be recorded before it happens.");
        RuleFor(x => x.Latitude).NotNull().When(x => x.Longitude is not null).WithMessage("Give both latitude and longitude, or neither.");
        RuleFor(x => x.Longitude).NotNull().When(x => x.Latitude is not null).WithMessage("Give both latitude and longitude, or neither.");
        RuleFor(x => x.Latitude).InclusiveBetween(-90m, 90m).When(x => x.Latitude is not null);
        RuleFor(x => x.Longitude).InclusiveBetween(-180m, 180m).When(x => x.Longitude is not null);
        RuleFor(x => x.Latitude).Must((x, latitude) => !(latitude == 0m && x.Longitude == 0m))
            .WithMessage("0,0 is not a village; the GPS fix failed. Leave the position empty instead.");
        RuleFor(x => x.Purpose).Must(p => VisitRules.Purposes.Contains(p)).WithMessage($"Purpose must be one of: {string.Join(", ", VisitRules.Purposes)}.");
        RuleFor(x => x.Notes).MaximumLength(2000);
        RuleFor(x => x.HealthNotes).MaximumLength(2000);
        RuleForEach(x => x.GapCategories).Must(c => VisitRules.GapCategories.Contains(c))
            .WithMessage($"Gap categories are: {string.Join(", ", VisitRules.GapCategories)}.");
    }
}

internal sealed class RecordVisitHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<RecordVisit, VisitDetails>
{
    private const string ExistingSql = "SELECT " + VisitRow.Columns + " FROM cases_visit v WHERE v.id = @Id";

    private const string InsertSql = """
        INSERT INTO cases_visit (id, person_id, village_id, block_id, district_id, state_id, country_id, region_path, visited_on,
            latitude, longitude, purpose, notes, health_notes, gap_categories, content_hash, recorded_by, created_at)
        VALUES (@Id, @PersonId, @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, @VisitedOn,
            @Latitude, @Longitude, @Purpose, @Notes, @HealthNotes, @GapCategories, @ContentHash, @CallerId, @Now)
        """;

    public async ValueTask<VisitDetails> Handle(RecordVisit command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var gaps = VisitRules.Normalize(command.GapCategories);
        var hash = VisitContent.Hash(command);

        if (await db.QuerySingleOrDefaultAsync<VisitRow>(ExistingSql, new { command.Id }, cancellationToken) is { } existing)
        {
            var owner = await db.RequireInScopeAsync(sender, existing.PersonId, cancellationToken);
            var stored = existing.ToDetails(await db.MaySeeSensitiveAsync(caller, time, owner, cancellationToken));
            if (VisitContent.Matches(existing.ContentHash, command)) return stored;
            throw new ConflictProblem($"A different visit was already recorded with id '{command.Id}'. Both versions are attached; keep one.")
            {
                Extensions = { ["existing"] = stored, ["submitted"] = command },
            };
        }

        var person = await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        await ConsentLedger.RequireCaseWorkAsync(db, time, person.Id, cancellationToken);
        var village = await PersonRecord.RequireVillageAsync(sender, command.VillageId, cancellationToken);
        var ancestry = RegionAncestry.FromPath(village.Path);
        var row = new VisitRow
        {
            Id = command.Id,
            PersonId = person.Id,
            VillageId = village.Id,
            VisitedOn = command.VisitedOn,
            Latitude = command.Latitude,
            Longitude = command.Longitude,
            Purpose = command.Purpose,
            Notes = Text.OrNull(command.Notes),
            HealthNotes = Text.OrNull(command.HealthNotes),
            GapCategories = gaps.Count == 0 ? null : string.Join(',', gaps),
            ContentHash = hash,
            RecordedBy = caller.UserId,
            CreatedAt = time.GetUtcNow(),
        };
        await db.ExecuteAsync(InsertSql, new
        {
            row.Id, row.PersonId, row.VisitedOn, row.Latitude, row.Longitude, row.Purpose, row.Notes, row.HealthNotes, row.GapCategories,
            row.ContentHash,
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId,
            RegionPath = village.Path,
            CallerId = caller.UserId,
            Now = row.CreatedAt,
        }, cancellationToken);
        db.Raise(new VisitRecorded(row.Id, row.PersonId, row.VillageId, row.VisitedOn, gaps));
        return row.ToDetails(await db.MaySeeSensitiveAsync(caller, time, person, cancellationToken));
    }
}

/// <summary>What makes two offline copies of a visit the same visit (ADR 0018).</summary>
internal static class VisitContent
{
    public static string Hash(RecordVisit visit) => new CanonicalHash()
        .Id("personId", visit.PersonId).Id("villageId", visit.VillageId).Date("visitedOn", visit.VisitedOn)
        .Number("latitude", visit.Latitude).Number("longitude", visit.Longitude).Text("purpose", visit.Purpose)
        .Text("notes", visit.Notes).Text("healthNotes", visit.HealthNotes).Set("gapCategories", visit.GapCategories)
        .Compute();

    /// <summary>Visits stored before ADR 0018 carry the hash of the request's shape as it was then; both are accepted.</summary>
    public static bool Matches(string stored, RecordVisit visit) => stored == Hash(visit) || stored == ShapeHashBefore0018(visit);

    public static string ShapeHashBefore0018(RecordVisit visit) => PersonRecord.HashOf(new ShapeBefore0018(
        Guid.Empty, visit.PersonId, visit.VillageId, visit.VisitedOn, visit.Latitude, visit.Longitude, visit.Purpose, visit.Notes,
        visit.HealthNotes, VisitRules.Normalize(visit.GapCategories)));

    /// <summary>Frozen: the properties, order and types <see cref="RecordVisit"/> had when those hashes were stored.</summary>
    private sealed record ShapeBefore0018(
        Guid Id, Guid PersonId, Guid VillageId, DateOnly VisitedOn, decimal? Latitude, decimal? Longitude, string Purpose,
        string? Notes, string? HealthNotes, IReadOnlyList<string>? GapCategories);
}

/// <summary>The visible trace of a visit until a module subscribes to the gaps it found (Surveys will); carries no personal data.</summary>
internal sealed partial class LogVisitRecordedHandler(ILogger<LogVisitRecordedHandler> logger) : INotificationHandler<VisitRecorded>
{
    public ValueTask Handle(VisitRecorded notification, CancellationToken cancellationToken)
    {
        LogVisit(notification.VisitId, notification.VillageId, notification.VisitedOn, string.Join(',', notification.GapCategories));
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Visit {VisitId} recorded in village {VillageId} on {VisitedOn}; gaps found: [{GapCategories}]")]
    private partial void LogVisit(Guid visitId, Guid villageId, DateOnly visitedOn, string gapCategories);
}

internal static class VisitRules
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static IReadOnlyList<string> Purposes => VisitChoices.Purposes;

    public static IReadOnlyList<string> GapCategories => VisitChoices.GapCategories;

    /// <summary>
    /// The date that is today in the time zone furthest ahead (UTC+14): a worker east of UTC records a visit on their own
    /// date, which can be a day after the date in UTC.
    /// </summary>
    public static DateOnly LatestToday(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(14));

    public static IReadOnlyList<string> Normalize(IReadOnlyList<string>? categories) =>
        categories is null ? [] : [.. categories.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> SplitGaps(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',');
}
