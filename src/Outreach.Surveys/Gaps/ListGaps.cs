using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Gaps;

/// <summary>Gaps in the caller's regions, optionally of one state or category: open before resolved, soonest due first.</summary>
public sealed record ListGaps(string? State, string? Category, int Page = 1, int PageSize = 50) : IQuery<Page<GapListItem>>, IPagedRequest;

internal sealed class ListGapsValidator : AbstractValidator<ListGaps>
{
    public ListGapsValidator() => Include(new PagedRequestRules());
}

internal sealed class ListGapsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListGaps, Page<GapListItem>>
{
    private const string Filter = """
        FROM surveys_gap g
        WHERE (@State IS NULL OR g.state = @State) AND (@Category IS NULL OR g.category = @Category) AND
        """ + " " + SurveysScope.Gap;

    // Evidence is counted for the page's gaps only, after the window is chosen.
    private const string Sql = """
        SELECT page.id, page.category, page.village_id, page.state, page.owner_id, page.due_on, page.version,
               COALESCE((SELECT t.responses FROM surveys_gap_tally t WHERE t.village_id = page.village_id AND t.category = page.category), 0)
             + (SELECT COUNT(*) FROM surveys_visit_evidence v WHERE v.village_id = page.village_id AND v.category = page.category) AS evidence
        FROM (SELECT g.id, g.category, g.village_id, g.state, g.owner_id, g.due_on, g.version,
                     CASE WHEN g.state = 'resolved' THEN 1 ELSE 0 END AS closed, CASE WHEN g.due_on IS NULL THEN 1 ELSE 0 END AS undated
        """ + " " + Filter + """

              ORDER BY closed, undated, g.due_on, g.id {page}) page
        ORDER BY page.closed, page.undated, page.due_on, page.id
        """;

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<GapListItem>> Handle(ListGaps query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = scope.SqlArgs(db, new { State = Text.OrNull(query.State), Category = Text.OrNull(query.Category), Skip = skip, Take = take });
        var items = await db.QueryAsync<GapListItem>(Sql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<int>(CountSql, args, cancellationToken);
        return new Page<GapListItem>(items, total, query.Page, take);
    }
}
