using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.UnitTests.Kernel;

public sealed class SearchAndPagingTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("Kot", "%Kot%")]
    [InlineData(" कोटरी ", "%कोटरी%")]
    [InlineData("50%", "%50\\%%")]
    [InlineData("a_b", "%a\\_b%")]
    [InlineData("back\\slash", "%back\\\\slash%")]
    public void Search_terms_become_literal_contains_patterns(string? term, string? expected) =>
        Assert.Equal(expected, Like.Containing(term));

    [Theory]
    [InlineData(1, 50, 0, 50)]
    [InlineData(3, 20, 40, 20)]
    [InlineData(0, 20, 0, 20)]
    [InlineData(2, 5000, 200, 200)]
    [InlineData(1, 0, 0, 1)]
    public void Paging_windows_are_clamped_to_sane_bounds(int page, int size, int skip, int take) =>
        Assert.Equal((skip, take), Paging.Window(page, size));

    [Theory]
    [InlineData(0, 50, 1)]
    [InlineData(50, 50, 1)]
    [InlineData(51, 50, 2)]
    public void Page_count_rounds_up_and_is_never_zero(int total, int size, int pages) =>
        Assert.Equal(pages, new Page<int>([], total, 1, size).PageCount);

    [Fact]
    public void A_scope_contains_its_regions_subtree_and_nothing_beside_it()
    {
        var scope = new RegionScope(["/a/b/"]);
        Assert.True(scope.Contains("/a/b/"));
        Assert.True(scope.Contains("/a/b/c/d/"));
        Assert.False(scope.Contains("/a/"));
        Assert.False(scope.Contains("/a/bc/"));
        Assert.False(RegionScope.Nothing.Contains("/a/"));
    }
}

public sealed class ListParameterTests
{
    [Fact]
    public void A_list_filter_is_an_array_comparison_on_PostgreSQL_and_an_expanded_IN_elsewhere()
    {
        const string sql = "SELECT 1 FROM cases_person p WHERE {in:p.district_id,@DistrictIds}";
        Assert.EndsWith("p.district_id = ANY(@DistrictIds)", Outreach.Shared.Data.SqlDialect.Postgres.Render(sql), StringComparison.Ordinal);
        Assert.EndsWith("p.district_id IN @DistrictIds", Outreach.Shared.Data.SqlDialect.Sqlite.Render(sql), StringComparison.Ordinal);
        Assert.EndsWith("p.district_id IN @DistrictIds", Outreach.Shared.Data.SqlDialect.SqlServer.Render(sql), StringComparison.Ordinal);
    }
}
