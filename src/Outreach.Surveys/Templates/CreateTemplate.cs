using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

/// <summary>A new survey with its first version published.</summary>
public sealed record CreateTemplate(string Name, string? Description, IReadOnlyList<Question> Questions) : ICommand<TemplateDetails>;

internal sealed class CreateTemplateValidator : AbstractValidator<CreateTemplate>
{
    public CreateTemplateValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.Description).MaximumLength(1000);
        RuleFor(x => x.Questions).NotNull().Custom((questions, context) =>
        {
            foreach (var problem in QuestionRules.ProblemsWith(questions ?? [])) context.AddFailure(nameof(CreateTemplate.Questions), problem);
        });
    }
}

internal sealed class CreateTemplateHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<CreateTemplate, TemplateDetails>
{
    private const string InsertSql = """
        INSERT INTO surveys_template (id, name, description, latest_version, created_by, created_at, version)
        VALUES (@Id, @Name, @Description, 1, @CallerId, @Now, 1)
        """;

    public async ValueTask<TemplateDetails> Handle(CreateTemplate command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Admin);
        var id = NewId.Next(time);
        var now = time.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new { Id = id, Name = command.Name.Trim(), Description = Text.OrNull(command.Description), CallerId = caller.UserId, Now = now }, cancellationToken);
        await TemplateVersions.InsertAsync(db, id, 1, command.Questions, caller.UserId, now, cancellationToken);
        return await sender.Send(new GetTemplate(id), cancellationToken);
    }
}

internal static class TemplateVersions
{
    private const string Sql = """
        INSERT INTO surveys_template_version (template_id, number, questions, published_by, published_at)
        VALUES (@TemplateId, @Number, @Questions, @CallerId, @Now)
        """;

    public static Task InsertAsync(DbSession db, Guid templateId, int number, IReadOnlyList<Question> questions, Guid callerId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(Sql, new { TemplateId = templateId, Number = number, Questions = SurveyVersion.Serialize(questions), CallerId = callerId, Now = now }, cancellationToken);
}
