using FluentValidation;

namespace Outreach.Shared;

/// <summary>A request for one page of a list; its validator includes <see cref="PagedRequestRules"/>.</summary>
public interface IPagedRequest
{
    int Page { get; }
    int PageSize { get; }
}

public sealed class PagedRequestRules : AbstractValidator<IPagedRequest>
{
    public PagedRequestRules()
    {
        RuleFor(x => x.Page).InclusiveBetween(1, 100_000);
        RuleFor(x => x.PageSize).InclusiveBetween(1, Paging.MaxPageSize);
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Skip, int Take) Window(int pageNumber, int pageSize) =>
        ((Math.Max(pageNumber, 1) - 1) * Math.Clamp(pageSize, 1, MaxPageSize), Math.Clamp(pageSize, 1, MaxPageSize));
}

public static class Like
{
    /// <summary>A LIKE pattern matching text that contains <paramref name="term"/> literally; use with <c>ESCAPE '\'</c>.</summary>
    public static string? Containing(string? term) =>
        string.IsNullOrWhiteSpace(term)
            ? null
            : "%" + term.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
