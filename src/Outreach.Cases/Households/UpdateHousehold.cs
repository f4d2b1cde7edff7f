using FluentValidation;
using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Households;

/// <summary>Rename a household. A stale version is a conflict, so two workers never overwrite each other silently.</summary>
public sealed record UpdateHousehold(Guid Id, string Label, int Version) : ICommand<HouseholdDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "household";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class UpdateHouseholdValidator : AbstractValidator<UpdateHousehold>
{
    public UpdateHouseholdValidator()
    {
        RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class UpdateHouseholdHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<UpdateHousehold, HouseholdDetails>
{
    private const string Sql = "UPDATE cases_household SET label = @Label, version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version";

    public async ValueTask<HouseholdDetails> Handle(UpdateHousehold command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireHouseholdAsync(sender, command.Id, cancellationToken);
        var args = new { command.Id, Label = command.Label.Trim(), command.Version, Now = time.GetUtcNow() };
        if (await db.ExecuteAsync(Sql, args, cancellationToken) == 0) throw new ConcurrencyProblem("household", command.Version);
        return await db.HouseholdDetailsAsync(sender, command.Id, cancellationToken);
    }
}
