using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

public sealed record CaseloadItem
{
    public required Guid Id { get; init; }
    public required string Reference { get; init; }
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public required Guid VillageId { get; init; }
    public DateOnly? NextFollowUpOn { get; init; }
    public bool IsOverdue { get; init; }
}

/// <summary>The caller's own open cases with their next open follow-up: overdue first, then soonest, then those with none planned.</summary>
public sealed record GetCaseload(int Page = 1, int PageSize = 50) : IQuery<Page<CaseloadItem>>, IAuditedRequest, IPagedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class GetCaseloadValidator : AbstractValidator<GetCaseload>
{
    public GetCaseloadValidator()
    {
        Include(new PagedRequestRules());
    }
}

internal sealed class GetCaseloadHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : IQueryHandler<GetCaseload, Page<CaseloadItem>>
{
    private const string Filter = """
        FROM cases_person p
        WHERE p.assigned_worker_id = @CallerId AND p.status = 'open' AND
        """ + " " + CaseScope.Person;

    // The next follow-up is looked up per person of this caseload only, through the follow-ups' person index.
    internal const string PageSql = """
        SELECT c.id, c.reference, c.given_name, c.family_name, c.village_id, c.next_follow_up_on
        FROM (SELECT p.id, p.reference, p.given_name, p.family_name, p.village_id,
                     (SELECT MIN(f.due_on) FROM cases_follow_up f WHERE f.person_id = p.id AND f.status = 'open') AS next_follow_up_on
        """ + " " + Filter + """
        ) c
        ORDER BY CASE WHEN c.next_follow_up_on IS NULL THEN 1 ELSE 0 END, c.next_follow_up_on, c.reference {page}
        """;

    internal const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<CaseloadItem>> Handle(GetCaseload query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = scope.SqlArgs(db, new { CallerId = caller.UserId, Skip = skip, Take = take });
        var today = time.Today();
        var items = await db.QueryAsync<CaseloadItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<CaseloadItem>([.. items.Select(i => i with { IsOverdue = i.NextFollowUpOn < today })], (int)total, query.Page, take);
    }
}
