using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

/// <summary>
/// Publish changed questions as the next version. Responses keep the version they answered, so nothing already collected
/// changes meaning. <paramref name="Version"/> is the template's concurrency version as last read.
/// </summary>
public sealed record PublishTemplateVersion(Guid TemplateId, int Version, IReadOnlyList<Question> Questions) : ICommand<TemplateDetails>;

internal sealed class PublishTemplateVersionValidator : AbstractValidator<PublishTemplateVersion>
{
    public PublishTemplateVersionValidator()
    {
        RuleFor(x => x.Questions).NotNull().Custom((questions, context) =>
        {
            foreach (var problem in QuestionRules.ProblemsWith(questions ?? [])) context.AddFailure(nameof(PublishTemplateVersion.Questions), problem);
        });
    }
}

internal sealed class PublishTemplateVersionHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<PublishTemplateVersion, TemplateDetails>
{
    private const string BumpSql = """
        UPDATE surveys_template SET latest_version = latest_version + 1, version = version + 1
        WHERE id = @TemplateId AND version = @Version
        """;

    public async ValueTask<TemplateDetails> Handle(PublishTemplateVersion command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Admin);
        var current = await SurveyVersion.LoadAsync(db, command.TemplateId, null, cancellationToken);
        if (await db.ExecuteAsync(BumpSql, command, cancellationToken) == 0) throw new ConcurrencyProblem("survey", command.Version);
        await TemplateVersions.InsertAsync(db, command.TemplateId, current.Number + 1, command.Questions, caller.UserId, time.GetUtcNow(), cancellationToken);
        return await sender.Send(new GetTemplate(command.TemplateId), cancellationToken);
    }
}
