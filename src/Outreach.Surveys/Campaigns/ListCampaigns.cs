using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Campaigns;

/// <summary>Campaigns that concern the caller's regions, newest first.</summary>
public sealed record ListCampaigns : IQuery<IReadOnlyList<CampaignDetails>>;

internal sealed class ListCampaignsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListCampaigns, IReadOnlyList<CampaignDetails>>
{
    public async ValueTask<IReadOnlyList<CampaignDetails>> Handle(ListCampaigns query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        return await Campaigns.VisibleAsync(db, await sender.Send(new GetCallerScope(), cancellationToken), null, cancellationToken);
    }
}
