using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

/// <summary>Correct a service's details; the region it serves stays. A stale version is a conflict.</summary>
public sealed record UpdateService(
    Guid Id, string Name, string Category, string? Languages, string Contact, string? Hours, string Mode, int Version) : ICommand<ServiceDetails>;

internal sealed class UpdateServiceValidator : AbstractValidator<UpdateService>
{
    public UpdateServiceValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Category).Must(c => ServiceRecord.Categories.Contains(c)).WithMessage("Category must be one of: " + string.Join(", ", ServiceRecord.Categories) + ".");
        RuleFor(x => x.Languages).MaximumLength(200);
        RuleFor(x => x.Contact).NotEmpty().MaximumLength(250);
        RuleFor(x => x.Hours).MaximumLength(250);
        RuleFor(x => x.Mode).Must(m => ServiceRecord.Modes.Contains(m)).WithMessage("Mode must be one of: " + string.Join(", ", ServiceRecord.Modes) + ".");
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class UpdateServiceHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<UpdateService, ServiceDetails>
{
    private const string UpdateSql = """
        UPDATE cases_service
        SET name = @Name, category = @Category, languages = @Languages, contact = @Contact, hours = @Hours, mode = @Mode,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public async ValueTask<ServiceDetails> Handle(UpdateService command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireServiceAsync(sender, command.Id, true, cancellationToken);
        var changed = await db.ExecuteAsync(UpdateSql, new
        {
            command.Id,
            Name = command.Name.Trim(),
            command.Category,
            Languages = Text.OrNull(command.Languages),
            Contact = command.Contact.Trim(),
            Hours = Text.OrNull(command.Hours),
            command.Mode,
            command.Version,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        if (changed == 0) throw new ConcurrencyProblem("service", command.Version);
        return (await db.RequireServiceAsync(sender, command.Id, false, cancellationToken)).ToDetails();
    }
}
