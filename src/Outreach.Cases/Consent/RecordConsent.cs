using FluentValidation;
using Mediator;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Consent;

/// <summary>Grant or withdraw a person's consent for one purpose. A withdrawal takes effect for every later check at once.</summary>
public sealed record RecordConsent(Guid PersonId, ConsentPurpose Purpose, bool Granted, ConsentMethod Method, DateOnly? ExpiresOn)
    : ICommand<IReadOnlyList<ConsentStatus>>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator(TimeProvider time)
    {
        RuleFor(x => x.Purpose).IsInEnum();
        RuleFor(x => x.Method).IsInEnum();
        RuleFor(x => x.ExpiresOn).Must(date => PersonRules.IsFuture(date, time)).When(x => x.Granted).WithMessage(PersonRules.ExpiredConsent);
    }
}

internal sealed class RecordConsentHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<RecordConsent, IReadOnlyList<ConsentStatus>>
{
    public async ValueTask<IReadOnlyList<ConsentStatus>> Handle(RecordConsent command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        await ConsentLedger.AppendAsync(db, time, caller, command.PersonId, command.Purpose, command.Granted, command.Method,
            command.Granted ? command.ExpiresOn : null, cancellationToken);
        return await ConsentLedger.CurrentAsync(db, time, command.PersonId, cancellationToken);
    }
}

internal sealed class HasConsentHandler(DbSession db, TimeProvider time, ISender sender) : IQueryHandler<HasConsent, bool>
{
    public async ValueTask<bool> Handle(HasConsent query, CancellationToken cancellationToken)
    {
        await db.RequireInScopeAsync(sender, query.PersonId, cancellationToken);
        var current = await ConsentLedger.CurrentAsync(db, time, query.PersonId, cancellationToken);
        return current.Any(c => c.Purpose == query.Purpose && c.InForce);
    }
}
