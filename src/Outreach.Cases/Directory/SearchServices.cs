using FluentValidation;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Directory;

public sealed record ServiceListItem
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public required Guid RegionId { get; init; }
    public required string Mode { get; init; }
    public string? Languages { get; init; }
    public required string Contact { get; init; }
    public required DateOnly LastVerifiedOn { get; init; }
}

/// <summary>
/// Services the caller may refer to: in their regions or at their ancestors (a state helpline), by category and text,
/// optionally only those relevant to one region (serving it, something inside it, or one of its ancestors).
/// </summary>
public sealed record SearchServices(string? Category = null, string? Text = null, Guid? RegionId = null, int Page = 1, int PageSize = 50)
    : IQuery<Page<ServiceListItem>>, IPagedRequest;

internal sealed class SearchServicesValidator : AbstractValidator<SearchServices>
{
    public SearchServicesValidator()
    {
        RuleFor(x => x.Category).Must(c => c is null || ServiceRecord.Categories.Contains(c)).WithMessage("Category must be one of: " + string.Join(", ", ServiceRecord.Categories) + ".");
        RuleFor(x => x.Text).MaximumLength(TextLimits.Name);
        Include(new PagedRequestRules());
    }
}

internal sealed class SearchServicesHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<SearchServices, Page<ServiceListItem>>
{
    private const string Filter = """
        FROM cases_service s
        WHERE (@Category IS NULL OR s.category = @Category)
          AND (@Text IS NULL OR s.name {ilike} @Text ESCAPE '\' OR s.languages {ilike} @Text ESCAPE '\' OR s.contact {ilike} @Text ESCAPE '\')
          AND (@RegionPrefix IS NULL OR s.region_path LIKE @RegionPrefix OR {in:s.region_id,@RegionAncestorIds})
          AND
        """ + " " + ServiceRecord.Visible;

    private const string PageSql = """
        SELECT s.id, s.name, s.category, s.region_id, s.mode, s.languages, s.contact, s.last_verified_on
        """ + " " + Filter + " ORDER BY s.name, s.id {page}";

    private const string CountSql = "SELECT COUNT(*) " + Filter;

    public async ValueTask<Page<ServiceListItem>> Handle(SearchServices query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.All.ToArray());
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        string? prefix = null;
        IEnumerable<Guid> regionAncestors = [Guid.Empty];
        if (query.RegionId is { } regionId)
        {
            var region = await sender.Send(new FindRegionInScope(regionId), cancellationToken) ?? throw new NotFoundProblem("region", regionId);
            prefix = region.Path + "%";
            regionAncestors = region.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => Guid.ParseExact(id, "N"));
        }
        var (skip, take) = Paging.Window(query.Page, query.PageSize);
        var args = ServiceRecord.Args(db, scope, new
        {
            query.Category,
            Text = Like.Containing(query.Text),
            RegionPrefix = prefix,
            Skip = skip,
            Take = take,
        });
        args.Add("RegionAncestorIds", db.IdList(regionAncestors));
        var items = await db.QueryAsync<ServiceListItem>(PageSql, args, cancellationToken);
        var total = await db.ExecuteScalarAsync<long>(CountSql, args, cancellationToken);
        return new Page<ServiceListItem>(items, (int)total, query.Page, take);
    }
}
