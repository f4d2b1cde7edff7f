using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Gaps;

/// <summary>A worker reports that a village lacks a kind of support. A village has one gap per category: reporting it again is a 409 naming the gap.</summary>
public sealed record ReportGap(Guid VillageId, string Category, string? Description) : ICommand<GapDetails>;

internal sealed class ReportGapValidator : AbstractValidator<ReportGap>
{
    public ReportGapValidator(IOptions<GapOptions> options)
    {
        RuleFor(x => x.VillageId).NotEmpty();
        RuleFor(x => x.Category).Must(c => options.Value.Categories.Contains(c))
            .WithMessage($"Category must be one of: {string.Join(", ", options.Value.Categories)}.");
        RuleFor(x => x.Description).MaximumLength(1000);
    }
}

internal sealed class ReportGapHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<ReportGap, GapDetails>
{
    private const string ExistingSql = "SELECT id FROM surveys_gap WHERE village_id = @VillageId AND category = @Category";

    public async ValueTask<GapDetails> Handle(ReportGap command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var village = await sender.Send(new RequireRegionInScope(command.VillageId), cancellationToken);
        if (village.Level != RegionLevel.Village) throw new UnprocessableProblem($"'{village.Name}' is a {village.Level}; gaps are recorded per village.");
        if (await db.QuerySingleOrDefaultAsync<Guid?>(ExistingSql, command, cancellationToken) is { } existing)
        {
            throw new ConflictProblem($"{village.Name} already has a {command.Category} gap; add to it (or reopen it) instead.") { Extensions = { ["gapId"] = existing } };
        }
        var id = NewId.Next(time);
        await GapRecord.InsertAsync(db, id, command.Category, village.Path, "worker", Text.OrNull(command.Description), caller.UserId, time.GetUtcNow(), cancellationToken);
        return await db.RequireInScopeAsync(sender, id, cancellationToken);
    }
}
