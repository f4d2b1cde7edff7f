using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

public sealed record OverdueFollowUpItem
{
    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required string PersonReference { get; init; }
    public required Guid AssignedWorkerId { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string Note { get; init; }
}

/// <summary>For coordinators: open follow-ups in their regions that passed their due date, longest overdue first.</summary>
public sealed record ListOverdueFollowUps(int Page = 1, int PageSize = 50) : IQuery<Page<OverdueFollowUpItem>>, IAuditedRequest, IPagedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class ListOverdueFollowUpsValidator : AbstractValidator<ListOverdueFollowUps>
{
    public ListOverdueFollowUpsValidator()
    {
        Include(new PagedRequestRules());
    }
}

internal sealed class ListOverdueFollowUpsHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : IQueryHandler<ListOverdueFollowUps, Page<OverdueFollowUpItem>>
{
    private const string Filter = """
        FROM cases_follow_up f
        JOIN cases_person p ON p.id = f.person_id
        WHERE f.status = 'open' AND f.due_on < @Today AND
        """ + " " + CaseScope.Person;

    private const string PageSql = """
        SELECT f.id, f.person_id, p.reference AS person_reference, f.assigned_worker_id, f.due_on, f.note
        """ + " " + Filter + " ORDER BY f.due_on, f.id {page}";

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<OverdueFollowUpItem>> Handle(ListOverdueFollowUps query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = scope.SqlArgs(db, new { Today = time.Today(), Skip = skip, Take = take });
        var items = await db.QueryAsync<OverdueFollowUpItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<OverdueFollowUpItem>(items, (int)total, query.Page, take);
    }
}
