using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

public sealed record VillageListItem
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required string BlockName { get; init; }
    public required string DistrictName { get; init; }
}

/// <summary>The villages in the caller's regions, optionally matching a name in English or the local script.</summary>
public sealed record ListMyVillages(string? Search = null, int Page = 1, int PageSize = 50) : IQuery<Page<VillageListItem>>, IPagedRequest;

internal sealed class ListMyVillagesValidator : AbstractValidator<ListMyVillages>
{
    public ListMyVillagesValidator()
    {
        RuleFor(x => x.Search).MaximumLength(TextLimits.Name);
        Include(new PagedRequestRules());
    }
}

internal sealed class ListMyVillagesHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListMyVillages, Page<VillageListItem>>
{
    internal const string Filter = """
        FROM org_region r
        WHERE r.level = 5
          AND (@Search IS NULL OR r.name {ilike} @Search ESCAPE '\' OR r.local_name {ilike} @Search ESCAPE '\')
          AND
        """ + " " + Scope.RegionIn;

    /// <summary>
    /// The page and the total in one pass over the scope filter (the window count is taken before paging); block and
    /// district names are looked up for the page's villages only.
    /// </summary>
    internal const string PageSql = """
        SELECT page.id, page.name, page.local_name, b.name AS block_name, d.name AS district_name, page.total
        FROM (SELECT r.id, r.name, r.local_name, r.block_id, r.district_id, COUNT(*) OVER () AS total
        """ + " " + Filter + """

              ORDER BY r.name, r.id {page}) page
        JOIN org_region b ON b.id = page.block_id
        JOIN org_region d ON d.id = page.district_id
        ORDER BY page.name, page.id
        """;

    internal const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<VillageListItem>> Handle(ListMyVillages query, CancellationToken cancellationToken)
    {
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var scope = await db.OfCallerAsync(caller, cancellationToken);
        var args = scope.SqlArgs(db, new { Search = Like.Containing(query.Search), Skip = skip, Take = take });
        var rows = await db.QueryAsync<VillageRow>(PageSql, args, cancellationToken);
        // A page past the end has no rows to carry the total; only then is it counted separately.
        var total = rows.Count > 0 ? rows[0].Total : skip == 0 ? 0 : await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<VillageListItem>([.. rows.Select(r => r.Item)], (int)total, query.Page, take);
    }

    private sealed record VillageRow
    {
        public required Guid Id { get; init; }
        public required string Name { get; init; }
        public string? LocalName { get; init; }
        public required string BlockName { get; init; }
        public required string DistrictName { get; init; }
        public required long Total { get; init; }

        public VillageListItem Item => new() { Id = Id, Name = Name, LocalName = LocalName, BlockName = BlockName, DistrictName = DistrictName };
    }
}
