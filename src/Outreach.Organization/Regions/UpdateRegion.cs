using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

/// <summary>Rename a region (Admin). <paramref name="Version"/> is the version the editor read; a stale one is a conflict.</summary>
public sealed record UpdateRegion(Guid Id, string Name, string? LocalName, int Version) : ICommand<RegionDetails>;

internal sealed class UpdateRegionValidator : AbstractValidator<UpdateRegion>
{
    public UpdateRegionValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.LocalName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class UpdateRegionHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<UpdateRegion, RegionDetails>
{
    private const string NameTakenSql = """
        SELECT COUNT(*) FROM org_region
        WHERE ((@ParentId IS NULL AND parent_id IS NULL) OR parent_id = @ParentId) AND name = @Name AND id <> @Id
        """;

    private const string UpdateSql = """
        UPDATE org_region SET name = @Name, local_name = @LocalName, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public async ValueTask<RegionDetails> Handle(UpdateRegion command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        var region = await db.RequireInScopeAsync(command.Id, caller, cancellationToken);
        var name = command.Name.Trim();
        if (await db.ExecuteScalarAsync<long>(NameTakenSql, new { region.ParentId, Name = name, region.Id }, cancellationToken) > 0)
        {
            throw new ConflictProblem($"There is already a region named '{name}' there.");
        }

        var changed = await db.ExecuteAsync(UpdateSql, new
        {
            region.Id,
            Name = name,
            LocalName = Text.OrNull(command.LocalName),
            command.Version,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        if (changed == 0) throw new ConcurrencyProblem("region", command.Version);
        return await sender.Send(new GetRegion(region.Id), cancellationToken);
    }
}
