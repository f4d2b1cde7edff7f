using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Campaigns;

/// <summary>A coordinator runs a survey in some of their regions for a period, aiming at a number of responses per village.</summary>
public sealed record CreateCampaign(Guid TemplateId, string Name, DateOnly StartsOn, DateOnly EndsOn, int TargetPerVillage, IReadOnlyList<Guid> RegionIds)
    : ICommand<CampaignDetails>;

internal sealed class CreateCampaignValidator : AbstractValidator<CreateCampaign>
{
    public CreateCampaignValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.EndsOn).GreaterThanOrEqualTo(x => x.StartsOn).WithMessage("The campaign must end on or after its start.");
        RuleFor(x => x.EndsOn).Must((x, end) => end.DayNumber - x.StartsOn.DayNumber <= 731).WithMessage("A campaign runs for at most two years.");
        RuleFor(x => x.TargetPerVillage).InclusiveBetween(1, 10_000);
        RuleFor(x => x.RegionIds).NotEmpty().Must(ids => ids is { Count: <= 200 }).WithMessage("Choose between 1 and 200 regions.");
    }
}

internal sealed class CreateCampaignHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<CreateCampaign, CampaignDetails>
{
    private const string InsertSql = """
        INSERT INTO surveys_campaign (id, template_id, name, starts_on, ends_on, target_per_village, created_by, created_at)
        VALUES (@Id, @TemplateId, @Name, @StartsOn, @EndsOn, @TargetPerVillage, @CallerId, @Now)
        """;

    private const string RegionSql = "INSERT INTO surveys_campaign_region (campaign_id, region_id, region_path) VALUES (@CampaignId, @RegionId, @RegionPath)";

    public async ValueTask<CampaignDetails> Handle(CreateCampaign command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        await SurveyVersion.LoadAsync(db, command.TemplateId, null, cancellationToken);
        var regions = new List<RegionSummary>();
        foreach (var regionId in command.RegionIds.Distinct())
        {
            regions.Add(await sender.Send(new RequireRegionInScope(regionId), cancellationToken));
        }
        var id = NewId.Next(time);
        await db.ExecuteAsync(InsertSql, new
        {
            Id = id, command.TemplateId, Name = command.Name.Trim(), command.StartsOn, command.EndsOn, command.TargetPerVillage,
            CallerId = caller.UserId, Now = time.GetUtcNow(),
        }, cancellationToken);
        foreach (var region in regions)
        {
            await db.ExecuteAsync(RegionSql, new { CampaignId = id, RegionId = region.Id, RegionPath = region.Path }, cancellationToken);
        }
        return (await Campaigns.VisibleAsync(db, await sender.Send(new GetCallerScope(), cancellationToken), id, cancellationToken)).Single();
    }
}
