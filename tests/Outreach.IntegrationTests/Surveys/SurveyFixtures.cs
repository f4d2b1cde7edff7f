using System.Net;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>Surveys, responses and free village × category pairs made for one test, so tests sharing a database never collide.</summary>
internal static class SurveyFixtures
{
    public sealed record TemplateView(Guid Id, string Name, int VersionNumber, int LatestVersion, int Version, List<QuestionView> Questions);

    public sealed record QuestionView(string Key, string Type, string Label, string? LabelHi, bool Required);

    public sealed record IntakeView(Guid Id, string Status, Dictionary<string, string>? Errors, Guid? ConflictId);

    public sealed record GapView(Guid Id, string Category, Guid VillageId, string State, string Origin, Guid? OwnerId, DateOnly? DueOn, int Version);

    public static readonly object[] Questions =
    [
        new { key = "support_group", type = "YesNo", label = "Is there a mental-health support group within reach?", labelHi = "क्या पास में कोई सहायता समूह है?", required = true, gaps = new Dictionary<string, string> { ["no"] = "support-group" } },
        new
        {
            key = "missing", type = "MultiSelect", label = "Which services are missing?", labelHi = "कौन सी सेवाएँ नहीं हैं?",
            choices = new[]
            {
                new { value = "counsellor", label = "Counsellor", labelHi = "परामर्शदाता" },
                new { value = "clinic", label = "Clinic", labelHi = "क्लिनिक" },
                new { value = "helpline", label = "Helpline in Hindi", labelHi = "हिंदी हेल्पलाइन" },
            },
            gaps = new Dictionary<string, string> { ["counsellor"] = "counselling", ["clinic"] = "clinic", ["helpline"] = "helpline" },
        },
        new { key = "households", type = "Number", label = "Households asked", min = 1, max = 500 },
        new { key = "wellbeing", type = "Scale", label = "How well supported do people feel?" },
        new { key = "position", type = "GpsPoint", label = "Where" },
        new { key = "visited_on", type = "Date", label = "Date of the meeting" },
    ];

    public static async Task<TemplateView> NewTemplate(this HttpClient coordinator, string name = "Village services check") =>
        await (await coordinator.PostJson("/api/v1/surveys", new { name = $"{name} {Guid.NewGuid():N}", description = "Asked at the panchayat", questions = Questions }))
            .Read<TemplateView>(HttpStatusCode.Created);

    public static object Response(Guid templateId, Guid villageId, Guid? id = null, int version = 1, string supportGroup = "yes",
        string[]? missing = null, int households = 40, Guid? campaignId = null, DateOnly? collectedOn = null) => new
    {
        id = id ?? Guid.CreateVersion7(),
        templateId,
        templateVersion = version,
        campaignId,
        villageId,
        collectedOn = collectedOn ?? DateOnly.FromDateTime(DateTime.UtcNow),
        latitude = 23.05m,
        longitude = 77.02m,
        answers = new Dictionary<string, object>
        {
            ["support_group"] = supportGroup,
            ["missing"] = missing ?? [],
            ["households"] = households,
            ["wellbeing"] = 2,
            ["position"] = "23.0512 77.0234 450 5",
            ["visited_on"] = "2026-11-20",
        },
    };

    /// <summary>A village in <paramref name="district"/> with no gap of <paramref name="category"/> yet, and no response reporting it.</summary>
    public static Task<Guid> FreeVillage(this IOutreachApp app, string category, string district = "Sehore") =>
        app.WithDb(db => db.ExecuteScalarAsync<Guid>("""
            SELECT v.id FROM org_region v JOIN org_region d ON v.path LIKE d.path || '%'
            WHERE d.name = @District AND v.level = 5
              AND NOT EXISTS (SELECT 1 FROM surveys_gap g WHERE g.village_id = v.id AND g.category = @Category)
              AND NOT EXISTS (SELECT 1 FROM surveys_gap_tally e WHERE e.village_id = v.id AND e.category = @Category AND e.responses > 0)
            ORDER BY v.name
            """.Replace("||", app.Provider == Outreach.Shared.Data.DatabaseProvider.SqlServer ? "+" : "||", StringComparison.Ordinal),
            new { District = district, Category = category }));
}
