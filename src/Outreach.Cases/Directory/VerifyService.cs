using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

/// <summary>Someone checked that the service still runs as described: its verification date becomes today.</summary>
public sealed record VerifyService(Guid Id) : ICommand<ServiceDetails>;

internal sealed class VerifyServiceHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<VerifyService, ServiceDetails>
{
    private const string Sql = "UPDATE cases_service SET last_verified_on = @Today, version = version + 1, updated_at = @Now WHERE id = @Id";

    public async ValueTask<ServiceDetails> Handle(VerifyService command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireServiceAsync(sender, command.Id, true, cancellationToken);
        var now = time.GetUtcNow();
        await db.ExecuteAsync(Sql, new { command.Id, Today = DateOnly.FromDateTime(now.UtcDateTime), Now = now }, cancellationToken);
        return (await db.RequireServiceAsync(sender, command.Id, false, cancellationToken)).ToDetails();
    }
}
