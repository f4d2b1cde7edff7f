using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;
using Outreach.UnitTests.Imports;

namespace Outreach.UnitTests.Surveys;

/// <summary>
/// Stored responses keep their answers and the hash of their canonical form, and a replay must hash the same, so the bytes
/// may never change. The expected answers below are the bytes the first release stored; the canonical form around them is
/// built member by member as it was first written.
/// </summary>
public sealed class CanonicalFormTests
{
    private static readonly SurveyVersion Version = new(Guid.Parse("4a6f1c2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b"), "Village services", 3,
    [
        .. ImportColumnsTests.Questions.Select(q => q.Key switch
        {
            "has_counsellor" => q with { Gaps = new Dictionary<string, string> { ["no"] = "counselling" } },
            "services" => q with { Gaps = new Dictionary<string, string> { ["helpline"] = "helpline", ["group"] = "support-group" } },
            _ => q,
        }),
        new() { Key = "wellbeing", Type = QuestionType.Scale, Label = "Wellbeing" },
        new() { Key = "last_visit", Type = QuestionType.Date, Label = "Last visit" },
        new()
        {
            Key = "nearest", Type = QuestionType.SingleSelect, Label = "Nearest help",
            Choices = [new() { Value = "clinic", Label = "Clinic" }, new() { Value = "none", Label = "None" }], Gaps = new Dictionary<string, string> { ["none"] = "clinic" },
        },
        new() { Key = "home_village", Type = QuestionType.Village, Label = "Home village" },
    ]);

    private static readonly string[] Keys = [.. Version.Questions.Select(q => q.Key)];

    public static TheoryData<string?[], string, string> Rows => new()
    {
        {
            ["5", "no", "clinic helpline", "23.0123 77.0456 450 5", "Family of five", "4", "2026-10-31", "none", "9D2F5E11-0B0E-4C1A-9D2F-5E1100000001"],
            """{"household_size":5,"has_counsellor":false,"services":["clinic","helpline"],"location":{"latitude":23.0123,"longitude":77.0456},"notes":"Family of five","wellbeing":4,"last_visit":"2026-10-31","nearest":"none","home_village":"9d2f5e11-0b0e-4c1a-9d2f-5e1100000001"}""",
            "clinic,counselling,helpline"
        },
        {
            ["4,5", "हाँ", "group clinic", "-12.5 130.25", "पहली पंक्ति\nदूसरी पंक्ति, \"quoted\" <b>&</b> +", "5.0", "31/10/2026", "clinic", null],
            """{"household_size":4.5,"has_counsellor":true,"services":["clinic","group"],"location":{"latitude":-12.5,"longitude":130.25},"notes":"\u092A\u0939\u0932\u0940 \u092A\u0902\u0915\u094D\u0924\u093F\n\u0926\u0942\u0938\u0930\u0940 \u092A\u0902\u0915\u094D\u0924\u093F, \u0022quoted\u0022 \u003Cb\u003E\u0026\u003C/b\u003E \u002B","wellbeing":5,"last_visit":"2026-10-31","nearest":"clinic"}""",
            "support-group"
        },
        {
            ["1.2E+1", "0", "", "", "", null, "2026-10-31T08:15:00+05:30", "", ""],
            """{"household_size":12,"has_counsellor":false,"last_visit":"2026-10-31"}""",
            "counselling"
        },
        {
            ["30", "yes", null, "89.9999994 -179.999999", null, "1", null, null, null],
            """{"household_size":30,"has_counsellor":true,"location":{"latitude":89.999999,"longitude":-179.999999},"wellbeing":1}""",
            ""
        },
        {
            ["12,5", "TRUE", "helpline helpline group", "12.5 77.25", "tab\there \u00e9 \u0001 '", "2", "1-2-2026", null, null],
            """{"household_size":12.5,"has_counsellor":true,"services":["helpline","group"],"location":{"latitude":12.5,"longitude":77.25},"notes":"tab\there \u00E9 \u0001 \u0027","wellbeing":2,"last_visit":"2026-02-01"}""",
            "helpline,support-group"
        },
    };

    private static AnswerSheet ReadCells(string?[] cells)
    {
        var sheet = Version.Read(Keys.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second));
        Assert.True(sheet.IsValid, string.Join("; ", sheet.Errors.Values));
        return sheet;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Cells_become_the_original_answer_bytes_and_gaps(string?[] cells, string answers, string gaps)
    {
        var sheet = ReadCells(cells);

        Assert.Equal(answers, sheet.ToJson());
        Assert.Equal(gaps, string.Join(",", sheet.Gaps));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Stored_answers_read_again_as_json_are_unchanged(string?[] cells, string answers, string gaps)
    {
        Assert.NotEmpty(cells);
        var sheet = Version.Read(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(answers)!);

        Assert.True(sheet.IsValid, string.Join("; ", sheet.Errors.Values));
        Assert.Equal(answers, sheet.ToJson());
        Assert.Equal(gaps, string.Join(",", sheet.Gaps));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void The_canonical_bytes_and_hash_are_the_original_ones(string?[] cells, string answers, string gaps)
    {
        Assert.NotNull(gaps);
        foreach (var campaign in new Guid?[] { null, Guid.Parse("1c0a6b7e-3f1d-4a58-9d8e-2b7c5a1e0f42") })
        {
            var submission = new ResponseSubmission
            {
                Id = Guid.NewGuid(), TemplateId = Version.TemplateId, TemplateVersion = Version.Number, CampaignId = campaign,
                VillageId = Guid.Parse("9d2f5e11-0b0e-4c1a-9d2f-5e1100000001"), CollectedOn = new DateOnly(2026, 11, 10),
                Latitude = campaign is null ? null : 23.0123m, Longitude = campaign is null ? null : -77.045600m,
                Answers = new Dictionary<string, JsonElement>(),
            };
            var reference = new JsonObject
            {
                ["templateId"] = submission.TemplateId,
                ["templateVersion"] = submission.TemplateVersion,
                ["campaignId"] = submission.CampaignId,
                ["villageId"] = submission.VillageId,
                ["collectedOn"] = submission.CollectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["latitude"] = submission.Latitude,
                ["longitude"] = submission.Longitude,
                ["answers"] = JsonNode.Parse(answers),
            }.ToJsonString();

            var (storedAnswers, hash) = ResponseIntake.AnswersAndHash(submission, ReadCells(cells));

            Assert.Equal(answers, storedAnswers);
            Assert.Equal(ResponseIntake.HashOf(reference), hash);
            Assert.Equal(reference, Encoding.UTF8.GetString(ResponseIntake.CanonicalUtf8(submission, answers)));
        }
    }
}
