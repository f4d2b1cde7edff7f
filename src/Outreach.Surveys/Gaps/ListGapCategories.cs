using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Gaps;

/// <summary>The gap categories this programme records, in their configured order, for forms and filters.</summary>
public sealed record ListGapCategories : IQuery<IReadOnlyList<string>>;

internal sealed class ListGapCategoriesHandler(ICurrentUser caller, IOptions<GapOptions> options) : IQueryHandler<ListGapCategories, IReadOnlyList<string>>
{
    public ValueTask<IReadOnlyList<string>> Handle(ListGapCategories query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        return ValueTask.FromResult<IReadOnlyList<string>>([.. options.Value.Categories]);
    }
}
