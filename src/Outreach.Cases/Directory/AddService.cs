using FluentValidation;
using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

/// <summary>
/// Add a support group, clinic, counsellor, helpline or scheme to the directory, serving a state, district or block in the
/// caller's regions. The id is the client's: a replay is a no-op, a different service under the same id a conflict.
/// </summary>
public sealed record AddService(
    Guid Id, string Name, string Category, Guid RegionId, string? Languages, string Contact, string? Hours, string Mode) : ICommand<ServiceDetails>;

internal sealed class AddServiceValidator : AbstractValidator<AddService>
{
    public AddServiceValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Category).Must(c => ServiceRecord.Categories.Contains(c)).WithMessage("Category must be one of: " + string.Join(", ", ServiceRecord.Categories) + ".");
        RuleFor(x => x.RegionId).NotEmpty();
        RuleFor(x => x.Languages).MaximumLength(200);
        RuleFor(x => x.Contact).NotEmpty().MaximumLength(250);
        RuleFor(x => x.Hours).MaximumLength(250);
        RuleFor(x => x.Mode).Must(m => ServiceRecord.Modes.Contains(m)).WithMessage("Mode must be one of: " + string.Join(", ", ServiceRecord.Modes) + ".");
    }
}

internal sealed class AddServiceHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<AddService, ServiceDetails>
{
    private const string ExistingSql = "SELECT " + ServiceRecord.Columns + " FROM cases_service s WHERE s.id = @Id";

    private const string InsertSql = """
        INSERT INTO cases_service (id, name, category, region_id, region_level, region_path, country_id, state_id, district_id, block_id,
            languages, contact, hours, mode, last_verified_on, content_hash, version, created_by, created_at, updated_at)
        VALUES (@Id, @Name, @Category, @RegionId, @RegionLevel, @RegionPath, @CountryId, @StateId, @DistrictId, @BlockId,
            @Languages, @Contact, @Hours, @Mode, @Today, @ContentHash, 1, @CallerId, @Now, @Now)
        """;

    public async ValueTask<ServiceDetails> Handle(AddService command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var hash = ServiceContent.Hash(command);
        if (await db.QuerySingleOrDefaultAsync<ServiceRow>(ExistingSql, new { command.Id }, cancellationToken) is { } existing)
        {
            var stored = (await db.RequireServiceAsync(sender, existing.Id, false, cancellationToken)).ToDetails();
            if (ServiceContent.Matches(existing.ContentHash, command)) return stored;
            throw new ConflictProblem($"A different service was already added with id '{command.Id}'. Both versions are attached; keep one and edit it.")
            {
                Extensions = { ["existing"] = stored, ["submitted"] = command },
            };
        }

        var (region, ancestry) = await ServiceRecord.RequireServedRegionAsync(sender, command.RegionId, cancellationToken);
        var now = time.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            command.Id,
            Name = command.Name.Trim(),
            command.Category,
            RegionId = region.Id,
            RegionLevel = (int)region.Level,
            RegionPath = region.Path,
            ancestry.CountryId, ancestry.StateId, ancestry.DistrictId, ancestry.BlockId,
            Languages = Text.OrNull(command.Languages),
            Contact = command.Contact.Trim(),
            Hours = Text.OrNull(command.Hours),
            command.Mode,
            Today = DateOnly.FromDateTime(now.UtcDateTime),
            ContentHash = hash,
            CallerId = caller.UserId,
            Now = now,
        }, cancellationToken);
        return (await db.RequireServiceAsync(sender, command.Id, false, cancellationToken)).ToDetails();
    }
}

/// <summary>What makes two offline copies of a service the same service (ADR 0018).</summary>
internal static class ServiceContent
{
    public static string Hash(AddService service) => new CanonicalHash()
        .Text("name", service.Name).Text("category", service.Category).Id("regionId", service.RegionId).Text("languages", service.Languages)
        .Text("contact", service.Contact).Text("hours", service.Hours).Text("mode", service.Mode)
        .Compute();

    /// <summary>Services stored before ADR 0018 carry the hash of the request's shape as it was then; both are accepted.</summary>
    public static bool Matches(string stored, AddService service) => stored == Hash(service) || stored == ShapeHashBefore0018(service);

    public static string ShapeHashBefore0018(AddService service) => PersonRecord.HashOf(new ShapeBefore0018(
        Guid.Empty, service.Name, service.Category, service.RegionId, service.Languages, service.Contact, service.Hours, service.Mode));

    /// <summary>Frozen: the properties, order and types <see cref="AddService"/> had when those hashes were stored.</summary>
    private sealed record ShapeBefore0018(
        Guid Id, string Name, string Category, Guid RegionId, string? Languages, string Contact, string? Hours, string Mode);
}
