using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

public sealed record PersonListItem
{
    public required Guid Id { get; init; }
    public required string Reference { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public required Guid VillageId { get; init; }
    public required string Status { get; init; }
    public required Guid AssignedWorkerId { get; init; }
}

/// <summary>
/// People in the caller's regions by name, reference or phone, optionally in one village or only the caller's own caseload.
/// A name matches however it is spelt, in English or Hindi (see <see cref="NameKey"/>): each word typed matches the start
/// of a word of the name, in order.
/// </summary>
public sealed record SearchPeople(string? Text = null, Guid? VillageId = null, bool MineOnly = false, int Page = 1, int PageSize = 50)
    : IQuery<Page<PersonListItem>>, IAuditedRequest, IPagedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class SearchPeopleValidator : AbstractValidator<SearchPeople>
{
    public SearchPeopleValidator()
    {
        RuleFor(x => x.Text).MaximumLength(TextLimits.Name);
        Include(new PagedRequestRules());
    }
}

internal sealed class SearchPeopleHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<SearchPeople, Page<PersonListItem>>
{
    private const string Filter = """
        FROM cases_person p
        WHERE (@Text IS NULL OR p.given_name {ilike} @Text ESCAPE '\' OR p.family_name {ilike} @Text ESCAPE '\'
               OR p.reference {ilike} @Text ESCAPE '\' OR p.phone LIKE @Text ESCAPE '\'
               OR p.search_key LIKE @KeyAtStart OR p.search_key LIKE @KeyInside)
          AND (@VillageId IS NULL OR p.village_id = @VillageId)
          AND (@WorkerId IS NULL OR p.assigned_worker_id = @WorkerId)
          AND p.status <> 'merged'
          AND
        """ + " " + CaseScope.Person;

    internal const string PageSql = """
        SELECT p.id, p.reference, p.given_name, p.family_name, p.village_id, p.status, p.assigned_worker_id
        """ + " " + Filter + " ORDER BY p.family_name, p.given_name, p.reference {page}";

    internal const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<PersonListItem>> Handle(SearchPeople query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = scope.SqlArgs(db, new
        {
            Text = Like.Containing(query.Text),
            KeyAtStart = NameKey.Pattern(query.Text, atStart: true),
            KeyInside = NameKey.Pattern(query.Text, atStart: false),
            query.VillageId,
            WorkerId = query.MineOnly ? caller.UserId : (Guid?)null,
            Skip = skip,
            Take = take,
        });
        var items = await db.QueryAsync<PersonListItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<PersonListItem>(items, (int)total, query.Page, take);
    }
}
