using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;
using Outreach.UnitTests.Imports;

namespace Outreach.UnitTests.Surveys;

/// <summary>
/// Stored responses keep the hash of their canonical form, and a replay must hash the same, so the bytes may never change.
/// The reference below is the form as first written (a JSON object built member by member); the intake's writer must match it.
/// </summary>
public sealed class CanonicalFormTests
{
    private static string Reference(ResponseSubmission s, AnswerSheet sheet) => new JsonObject
    {
        ["templateId"] = s.TemplateId,
        ["templateVersion"] = s.TemplateVersion,
        ["campaignId"] = s.CampaignId,
        ["villageId"] = s.VillageId,
        ["collectedOn"] = s.CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["latitude"] = s.Latitude,
        ["longitude"] = s.Longitude,
        ["answers"] = sheet.Answers.DeepClone(),
    }.ToJsonString();

    public static TheoryData<string, string?, string?, string?, string?, string?> Answers => new()
    {
        { "5", "no", "clinic helpline", "23.0123 77.0456 450 5", "Family of five", null },
        { "4,5", "हाँ", "group clinic", "-12.5 130.25", "पहली पंक्ति\nदूसरी पंक्ति, \"quoted\" <b>&</b> +", "1c0a6b7e-3f1d-4a58-9d8e-2b7c5a1e0f42" },
        { "1.2E+1", "0", "", "", "", null },
        { "30", "yes", null, "89.999999 -179.999999", null, "0f3b2a7d-9e14-4e8a-9c61-5b0e7c3a1d2f" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_canonical_bytes_and_hash_are_the_original_ones(string size, string? counsellor, string? services, string? location, string? notes, string? campaign)
    {
        var version = new SurveyVersion(Guid.Parse("4a6f1c2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b"), "Village services", 3, ImportColumnsTests.Questions);
        var sheet = version.Read(new Dictionary<string, string?>
        {
            ["household_size"] = size, ["has_counsellor"] = counsellor, ["services"] = services, ["location"] = location, ["notes"] = notes,
        });
        Assert.True(sheet.IsValid, string.Join("; ", sheet.Errors.Values));
        var submission = new ResponseSubmission
        {
            Id = Guid.NewGuid(), TemplateId = version.TemplateId, TemplateVersion = version.Number, CampaignId = campaign is null ? null : Guid.Parse(campaign),
            VillageId = Guid.Parse("9d2f5e11-0b0e-4c1a-9d2f-5e1100000001"), CollectedOn = new DateOnly(2026, 11, 10),
            Latitude = campaign is null ? null : 23.0123m, Longitude = campaign is null ? null : -77.045600m,
            Answers = new Dictionary<string, System.Text.Json.JsonElement>(),
        };

        var reference = Reference(submission, sheet);

        Assert.Equal(reference, Encoding.UTF8.GetString(ResponseIntake.CanonicalUtf8(submission, sheet.ToJson())));
        Assert.Equal(ResponseIntake.HashOf(reference), ResponseIntake.CanonicalHash(submission, sheet.ToJson()));
    }
}
