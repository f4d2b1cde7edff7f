using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Organization.Users;

namespace Outreach.UnitTests.Organization;

public sealed class RegionRulesTests
{
    private static readonly Guid Parent = Guid.CreateVersion7();

    [Fact]
    public void Only_a_country_may_have_no_parent()
    {
        var validator = new CreateRegionValidator();
        Assert.True(validator.Validate(new CreateRegion(null, null, RegionLevel.Country, "India", "भारत")).IsValid);
        Assert.False(validator.Validate(new CreateRegion(null, null, RegionLevel.District, "Sehore", null)).IsValid);
        Assert.False(validator.Validate(new CreateRegion(null, Parent, RegionLevel.Country, "India", null)).IsValid);
        Assert.True(validator.Validate(new CreateRegion(null, Parent, RegionLevel.Village, "Kotri", "कोटरी")).IsValid);
    }

    [Fact]
    public void Names_are_required_and_bounded_and_levels_must_exist()
    {
        var validator = new CreateRegionValidator();
        Assert.False(validator.Validate(new CreateRegion(null, Parent, RegionLevel.Block, "", null)).IsValid);
        Assert.False(validator.Validate(new CreateRegion(null, Parent, RegionLevel.Block, new string('x', 121), null)).IsValid);
        Assert.False(validator.Validate(new CreateRegion(null, Parent, (RegionLevel)9, "Nowhere", null)).IsValid);
        Assert.False(validator.Validate(new CreateRegion(Guid.Empty, Parent, RegionLevel.Block, "Ashta", null)).IsValid);
    }

    [Fact]
    public void A_child_path_extends_its_parents_path_with_its_own_id()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal($"/{id:N}/", RegionLookup.ChildPath(null, id));
        Assert.Equal($"/p/{id:N}/", RegionLookup.ChildPath("/p/", id));
    }

    [Theory]
    [InlineData("asha.verma", true)]
    [InlineData("asha@ngo.org", true)]
    [InlineData("asha verma", false)]
    [InlineData("<script>", false)]
    public void Usernames_use_a_safe_alphabet(string username, bool valid)
    {
        var result = new CreateUserValidator().Validate(new CreateUser(null, username, "Asha", "OutreachWorker", "long-enough-password", [Parent]));
        Assert.Equal(valid, result.IsValid);
    }
}
