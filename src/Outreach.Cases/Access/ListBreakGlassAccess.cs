using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Access;

public sealed record BreakGlassItem
{
    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required string PersonReference { get; init; }
    public required Guid UserId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset GrantedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>For coordinators: who opened sensitive notes of people in their regions, why and when, newest first.</summary>
public sealed record ListBreakGlassAccess(int Page = 1, int PageSize = 50) : IQuery<Page<BreakGlassItem>>, IAuditedRequest, IPagedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class ListBreakGlassAccessValidator : AbstractValidator<ListBreakGlassAccess>
{
    public ListBreakGlassAccessValidator()
    {
        Include(new PagedRequestRules());
    }
}

internal sealed class ListBreakGlassAccessHandler(DbSession db, ICurrentUser caller, ISender sender)
    : IQueryHandler<ListBreakGlassAccess, Page<BreakGlassItem>>
{
    private const string Filter = """
        FROM cases_access_grant g
        JOIN cases_person p ON p.id = g.person_id
        WHERE
        """ + " " + CaseScope.Person;

    private const string PageSql = """
        SELECT g.id, g.person_id, p.reference AS person_reference, g.user_id, g.reason, g.granted_at, g.expires_at
        """ + " " + Filter + " ORDER BY g.granted_at DESC, g.id DESC {page}";

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<BreakGlassItem>> Handle(ListBreakGlassAccess query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = scope.SqlArgs(db, new { Skip = skip, Take = take });
        var items = await db.QueryAsync<BreakGlassItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<BreakGlassItem>(items, (int)total, query.Page, take);
    }
}
