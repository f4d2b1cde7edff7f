using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

/// <summary>Add a region under a parent in the caller's scope (Admin). A country has no parent; its creator is assigned to it.</summary>
public sealed record CreateRegion(Guid? Id, Guid? ParentId, RegionLevel Level, string Name, string? LocalName) : ICommand<RegionDetails>, IIdempotentCreate;

internal sealed class CreateRegionValidator : AbstractValidator<CreateRegion>
{
    public CreateRegionValidator()
    {
        RuleFor(x => x.Id).NotEqual(Guid.Empty);
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.LocalName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.ParentId).NotNull().When(x => x.Level != RegionLevel.Country).WithMessage("Only a country has no parent region.");
        RuleFor(x => x.ParentId).Null().When(x => x.Level == RegionLevel.Country).WithMessage("A country cannot have a parent region.");
    }
}

internal sealed class CreateRegionHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<CreateRegion, RegionDetails>
{
    private const string SiblingNameTakenSql = """
        SELECT COUNT(*) FROM org_region
        WHERE ((@ParentId IS NULL AND parent_id IS NULL) OR parent_id = @ParentId) AND name = @Name
        """;

    private const string CallerHasCountrySql = """
        SELECT COUNT(*) FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id WHERE ur.user_id = @CallerId AND r.level = 1
        """;

    private const string ExistingSql = "SELECT id, parent_id, level, name, local_name, path, version FROM org_region WHERE id = @Id";

    public async ValueTask<RegionDetails> Handle(CreateRegion command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        var id = command.Id ?? NewId.Next(time);

        if (command.Id is not null
            && await db.QuerySingleOrDefaultAsync<RegionRow>(ExistingSql, new { Id = id }, cancellationToken) is { } existing)
        {
            await db.RequireInScopeAsync(id, caller, cancellationToken);
            var same = existing.ParentId == command.ParentId && existing.Level == (int)command.Level
                && existing.Name == command.Name.Trim() && existing.LocalName == Text.OrNull(command.LocalName);
            if (!same) throw new ConflictProblem($"A different region was already created with id '{id}'.");
            return await sender.Send(new GetRegion(id), cancellationToken);
        }

        if (command.ParentId is null
            && await db.ExecuteScalarAsync<long>(CallerHasCountrySql, new { CallerId = caller.UserId }, cancellationToken) == 0)
        {
            throw new ForbiddenProblem("Only an administrator assigned to a whole country may add a country.");
        }

        string? parentPath = null;
        if (command.ParentId is { } parentId)
        {
            var parent = await db.RequireInScopeAsync(parentId, caller, cancellationToken);
            if (parent.Level + 1 != (int)command.Level)
            {
                throw new UnprocessableProblem($"A {(RegionLevel)parent.Level} can only contain {(RegionLevel)(parent.Level + 1)} regions, not a {command.Level}.");
            }
            parentPath = parent.Path;
        }

        var name = command.Name.Trim();
        if (await db.ExecuteScalarAsync<long>(SiblingNameTakenSql, new { command.ParentId, Name = name }, cancellationToken) > 0)
        {
            throw new ConflictProblem($"There is already a region named '{name}' there.");
        }

        var now = time.GetUtcNow();
        await db.InsertRegionAsync(id, command.ParentId, parentPath, command.Level, name, Text.OrNull(command.LocalName), now, cancellationToken);

        if (command.ParentId is null)
        {
            await db.AssignAsync(caller.UserId, id, now, cancellationToken);
        }
        return await sender.Send(new GetRegion(id), cancellationToken);
    }
}
