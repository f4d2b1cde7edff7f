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
        LEFT JOIN (SELECT f.person_id, MIN(f.due_on) AS next_due_on FROM cases_follow_up f WHERE f.status = 'open' GROUP BY f.person_id) n
            ON n.person_id = p.id
        WHERE p.assigned_worker_id = @CallerId AND p.status = 'open' AND
        """ + " " + CaseScope.Person;

    internal const string PageSql = """
        SELECT p.id, p.reference, p.given_name, p.family_name, p.village_id, n.next_due_on AS next_follow_up_on
        """ + " " + Filter + " ORDER BY CASE WHEN n.next_due_on IS NULL THEN 1 ELSE 0 END, n.next_due_on, p.reference {page}";

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
