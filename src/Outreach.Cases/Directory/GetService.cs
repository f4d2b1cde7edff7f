using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

/// <summary>One service the caller may see: in their regions or serving one of their regions' ancestors.</summary>
public sealed record GetService(Guid Id) : IQuery<ServiceDetails>;

internal sealed class GetServiceHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetService, ServiceDetails>
{
    public async ValueTask<ServiceDetails> Handle(GetService query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.All.ToArray());
        return (await db.RequireServiceAsync(sender, query.Id, false, cancellationToken)).ToDetails();
    }
}
