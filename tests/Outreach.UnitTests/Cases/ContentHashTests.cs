using Outreach.Cases.Contracts;
using Outreach.Cases.Directory;
using Outreach.Cases.People;
using Outreach.Cases.Referrals;
using Outreach.Cases.Visits;

namespace Outreach.UnitTests.Cases;

/// <summary>
/// Offline creates are recognised on replay by the hash of their canonical form (ADR 0018). These pin it: the form of
/// each create, the normalization, that a field added later with no value changes no hash, and that hashes stored
/// before the canonical form are still accepted.
/// </summary>
public sealed class ContentHashTests
{
    private static readonly Guid Person = Guid.Parse("01900000-0000-7000-8000-000000000101");
    private static readonly Guid Village = Guid.Parse("01900000-0000-7000-8000-000000000202");
    private static readonly Guid Service = Guid.Parse("01900000-0000-7000-8000-000000000303");

    private static readonly RecordVisit Visit = new(Guid.Parse("01900000-0000-7000-8000-000000000404"), Person, Village, new DateOnly(2026, 11, 20),
        23.0512m, 77.0234m, "check-in", "Sat with her", "Low mood", ["transport", "clinic"]);

    private static readonly CreateReferral Referral = new(Guid.Parse("01900000-0000-7000-8000-000000000505"), Person, Service, "Wants a group");

    private static readonly RegisterPerson NewPerson = new(Person, Village, "Kamla", "Bai", "female", 1980, "+91 94250 00000", "Spoke of self-harm",
        [ConsentPurpose.CaseWork, ConsentPurpose.ReferralSharing], ConsentMethod.Verbal, new DateOnly(2027, 6, 1));

    private static readonly AddService NewService = new(Service, "Sehore peer group", "support-group", Village, "Hindi", "+91 94250 11111", "Thu 4pm", "both");

    /// <summary>Computed by the hashing that shipped before ADR 0018 (the serialized request record); phones hold replays of these.</summary>
    [Fact]
    public void Hashes_stored_before_the_canonical_form_are_still_recognised()
    {
        const string visit = "6cfdda21cb13d61d19a8e1bc3ea1861b5689ed85136aaff662e1676ed3154e59";
        const string referral = "056776c4402fb1a1027ef822caea5441febf9604e2485d909711ac99d27cc5b5";
        const string person = "4248d4e31dfcebfe4748841329264ec3c9735910cf050046946afe8d4ccab25c";
        const string service = "1bd8b450b6d009fc0cf85114bba9fb737c1e820d66764def7a9f105896b32b11";

        Assert.Equal(visit, VisitContent.ShapeHashBefore0018(Visit));
        Assert.Equal(referral, ReferralContent.ShapeHashBefore0018(Referral));
        Assert.Equal(person, PersonContent.ShapeHashBefore0018(NewPerson));
        Assert.Equal(service, ServiceContent.ShapeHashBefore0018(NewService));
        Assert.True(VisitContent.Matches(visit, Visit));
        Assert.True(ReferralContent.Matches(referral, Referral));
        Assert.True(PersonContent.Matches(person, NewPerson));
        Assert.True(ServiceContent.Matches(service, NewService));
        Assert.False(VisitContent.Matches(visit, Visit with { Notes = "Another visit" }));
        Assert.False(ReferralContent.Matches(referral, Referral with { Reason = "Another reason" }));
    }

    [Fact]
    public void The_canonical_form_of_a_visit_is_its_defining_fields_sorted_by_name_as_normalized_text()
    {
        var json = new CanonicalHash()
            .Id("personId", Visit.PersonId).Id("villageId", Visit.VillageId).Date("visitedOn", Visit.VisitedOn)
            .Number("latitude", Visit.Latitude).Number("longitude", Visit.Longitude).Text("purpose", Visit.Purpose)
            .Text("notes", Visit.Notes).Text("healthNotes", Visit.HealthNotes).Set("gapCategories", Visit.GapCategories)
            .Json();

        Assert.Equal("""{"gapCategories":["clinic","transport"],"healthNotes":"Low mood","latitude":"23.0512","longitude":"77.0234","notes":"Sat with her","personId":"01900000-0000-7000-8000-000000000101","purpose":"check-in","villageId":"01900000-0000-7000-8000-000000000202","visitedOn":"2026-11-20"}""", json);
        Assert.Equal(new CanonicalHash().Text("x", "y").Compute(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("""{"x":"y"}"""u8)));
        Assert.Equal(VisitCanonical, VisitContent.Hash(Visit));
        Assert.Equal(ReferralCanonical, ReferralContent.Hash(Referral));
    }

    /// <summary>Pinned: changing the canonical form would turn stored replays into conflicts; add a new form beside it instead (ADR 0018).</summary>
    private const string VisitCanonical = "5d4f7d78a4b4092d15b1bda21d84a3a34cb23afdfedf84e0b6e0c333e4e36afb";
    private const string ReferralCanonical = "17ae0d0a4cfd94c5de9945d176647c3f5d8579f2e344520ac61df2ba3e21739b";

    [Fact]
    public void Spacing_order_repeats_decimal_places_and_unicode_composition_do_not_change_a_hash()
    {
        var messy = Visit with
        {
            Latitude = 23.05120m, Longitude = 77.023400m, Purpose = " check-in ", Notes = "  Sat with her\n", GapCategories = ["clinic", "transport", "clinic"],
        };
        Assert.Equal(VisitContent.Hash(Visit), VisitContent.Hash(messy));
        Assert.Equal(VisitContent.Hash(Visit with { Notes = null }), VisitContent.Hash(Visit with { Notes = "   " }));
        Assert.Equal(VisitContent.Hash(Visit with { GapCategories = null }), VisitContent.Hash(Visit with { GapCategories = [] }));

        var composed = NewPerson with { GivenName = "Sun\u00EDta" };
        var decomposed = NewPerson with { GivenName = "Suni\u0301ta" };
        Assert.Equal(PersonContent.Hash(composed), PersonContent.Hash(decomposed));
        Assert.Equal(PersonContent.Hash(NewPerson), PersonContent.Hash(NewPerson with { ConsentedPurposes = [ConsentPurpose.ReferralSharing, ConsentPurpose.CaseWork] }));
        Assert.Equal(ReferralContent.Hash(Referral), ReferralContent.Hash(Referral with { Id = Guid.CreateVersion7(), Reason = "Wants a group " }));
    }

    [Fact]
    public void Different_content_has_a_different_hash()
    {
        var hashes = new[]
        {
            VisitContent.Hash(Visit),
            VisitContent.Hash(Visit with { VisitedOn = Visit.VisitedOn.AddDays(1) }),
            VisitContent.Hash(Visit with { Latitude = 23.0513m }),
            VisitContent.Hash(Visit with { GapCategories = ["transport"] }),
            VisitContent.Hash(Visit with { Notes = "Sat with him" }),
            VisitContent.Hash(Visit with { Notes = null, HealthNotes = "Sat with her" }),
            VisitContent.Hash(Visit with { PersonId = Village, VillageId = Person }),
        };
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        Assert.NotEqual(PersonContent.Hash(NewPerson), PersonContent.Hash(NewPerson with { ConsentMethod = ConsentMethod.Written }));
        Assert.NotEqual(ServiceContent.Hash(NewService), ServiceContent.Hash(NewService with { Hours = null }));
    }

    [Fact]
    public void A_field_added_later_and_left_empty_changes_no_hash()
    {
        CanonicalHash Today() => new CanonicalHash().Id("personId", Person).Text("reason", "Wants a group");

        var before = Today().Compute();
        Assert.Equal(before, Today().Text("interpreter", null).Compute());
        Assert.Equal(before, Today().Text("interpreter", "").Compute());
        Assert.Equal(before, Today().Number("priority", (int?)null).Compute());
        Assert.Equal(before, Today().Number("distanceKm", (decimal?)null).Compute());
        Assert.Equal(before, Today().Set("languages", Array.Empty<string>()).Compute());
        Assert.Equal(before, Today().Date("preferredOn", null).Compute());
        Assert.Equal(before, Today().Id("groupId", Guid.Empty).Compute());
        Assert.NotEqual(before, Today().Text("interpreter", "Bundeli").Compute());
    }
}
