using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

/// <summary>Replace a user's region assignments (Admin). The version guards against two admins editing at once.</summary>
public sealed record AssignUserRegions(Guid UserId, IReadOnlyList<Guid> RegionIds, int Version) : ICommand<UserDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "user";
    Guid? IAuditedRequest.AuditEntityId => UserId;
}

internal sealed class AssignUserRegionsValidator : AbstractValidator<AssignUserRegions>
{
    public AssignUserRegionsValidator()
    {
        RuleFor(x => x.RegionIds).NotNull().Must(ids => ids is { Count: > 0 and <= 50 }).WithMessage("Assign between 1 and 50 regions.");
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class AssignUserRegionsHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<AssignUserRegions, UserDetails>
{
    private const string BumpVersionSql = "UPDATE org_user SET version = version + 1, updated_at = @Now WHERE id = @UserId AND version = @Version";

    public async ValueTask<UserDetails> Handle(AssignUserRegions command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin);
        await sender.Send(new GetUser(command.UserId), cancellationToken);
        var now = time.GetUtcNow();
        if (await db.ExecuteAsync(BumpVersionSql, new { command.UserId, command.Version, Now = now }, cancellationToken) == 0)
        {
            throw new ConcurrencyProblem("user", command.Version);
        }
        await RegionAssignments.ReplaceAsync(db, caller, command.UserId, command.RegionIds, now, cancellationToken);
        return await sender.Send(new GetUser(command.UserId), cancellationToken);
    }
}
