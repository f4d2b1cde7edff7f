using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

/// <summary>Users assigned inside the caller's regions.</summary>
public sealed record ListUsers(string? Search = null, int Page = 1, int PageSize = 50) : IQuery<Page<UserSummary>>, IAuditedRequest, IPagedRequest
{
    string IAuditedRequest.AuditEntity => "user";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class ListUsersValidator : AbstractValidator<ListUsers>
{
    public ListUsersValidator()
    {
        RuleFor(x => x.Search).MaximumLength(TextLimits.Name);
        Include(new PagedRequestRules());
    }
}

internal sealed class ListUsersHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListUsers, Page<UserSummary>>
{
    private const string Filter = """
        FROM org_user u
        WHERE (@Search IS NULL OR u.username {ilike} @Search ESCAPE '\' OR u.display_name {ilike} @Search ESCAPE '\')
          AND
        """ + " " + Scope.UserIn;

    internal const string PageSql = "SELECT u.id, u.username, u.display_name, u.role, u.is_active " + Filter + " ORDER BY u.display_name, u.id {page}";

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<UserSummary>> Handle(ListUsers query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin, Roles.Coordinator, Roles.Manager);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var scope = await db.OfCallerAsync(caller, cancellationToken);
        var args = scope.SqlArgs(db, new { Search = Like.Containing(query.Search), Skip = skip, Take = take });
        var items = await db.QueryAsync<UserSummary>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<UserSummary>(items, (int)total, query.Page, take);
    }
}
