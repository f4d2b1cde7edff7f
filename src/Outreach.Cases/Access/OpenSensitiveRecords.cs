using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Access;

public sealed record AccessGrantDetails(Guid Id, Guid PersonId, Guid UserId, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Break-glass: a case worker in scope who is not the person's worker opens their sensitive notes for a while, giving
/// a reason. The grant is audited with that reason and listed for coordinators.
/// </summary>
public sealed record OpenSensitiveRecords(Guid PersonId, string Reason) : ICommand<AccessGrantDetails>;

internal sealed class BreakGlassOptions
{
    public const string Section = "Cases:BreakGlass";

    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(2);
}

internal sealed class OpenSensitiveRecordsValidator : AbstractValidator<OpenSensitiveRecords>
{
    public OpenSensitiveRecordsValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.Reason).Must(r => r?.Trim().Length is >= 10 and <= 500)
            .WithMessage("Give a reason of 10 to 500 characters.");
    }
}

internal sealed class OpenSensitiveRecordsHandler(
    DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, AuditLog audit, IOptions<BreakGlassOptions> options)
    : ICommandHandler<OpenSensitiveRecords, AccessGrantDetails>
{
    private const string InsertSql = """
        INSERT INTO cases_access_grant (id, person_id, user_id, reason, granted_at, expires_at)
        VALUES (@Id, @PersonId, @UserId, @Reason, @GrantedAt, @ExpiresAt)
        """;

    public async ValueTask<AccessGrantDetails> Handle(OpenSensitiveRecords command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var person = await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        if (person.AssignedWorkerId == caller.UserId) throw new UnprocessableProblem("This is your own case; its notes are already open to you.");

        var now = time.GetUtcNow();
        var grant = new AccessGrantDetails(NewId.Next(time), person.Id, caller.UserId, command.Reason.Trim(), now, now + options.Value.Duration);
        await db.ExecuteAsync(InsertSql, grant, cancellationToken);
        await audit.RecordAsync(new AuditEntry(nameof(OpenSensitiveRecords), "person", person.Id, AuditOutcome.Allowed, grant.Reason), cancellationToken);
        return grant;
    }
}
