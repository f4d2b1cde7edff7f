using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

/// <summary>Services in the coordinator's regions not verified for longer than <c>Cases:Directory:StaleAfterDays</c>, oldest first.</summary>
public sealed record ListStaleServices(int Page = 1, int PageSize = 50) : IQuery<Page<ServiceListItem>>, IPagedRequest;

internal sealed class ListStaleServicesValidator : AbstractValidator<ListStaleServices>
{
    public ListStaleServicesValidator()
    {
        Include(new PagedRequestRules());
    }
}

internal sealed class ListStaleServicesHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, IOptions<DirectoryOptions> options)
    : IQueryHandler<ListStaleServices, Page<ServiceListItem>>
{
    private const string Filter = """
        FROM cases_service s
        WHERE s.last_verified_on < @Cutoff
          AND ({in:s.country_id,@CountryIds} OR {in:s.state_id,@StateIds} OR {in:s.district_id,@DistrictIds} OR {in:s.block_id,@BlockIds})
        """;

    private const string PageSql = """
        SELECT s.id, s.name, s.category, s.region_id, s.mode, s.languages, s.contact, s.last_verified_on
        """ + " " + Filter + " ORDER BY s.last_verified_on, s.id {page}";

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<ServiceListItem>> Handle(ListStaleServices query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Manager);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var cutoff = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-options.Value.StaleAfterDays);
        var args = ServiceRecord.Args(db, scope, new { Cutoff = cutoff, Skip = skip, Take = take }, withAncestors: false);
        var items = await db.QueryAsync<ServiceListItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<ServiceListItem>(items, (int)total, query.Page, take);
    }
}
