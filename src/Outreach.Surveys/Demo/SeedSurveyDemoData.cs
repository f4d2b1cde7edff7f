using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Security;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Demo;

/// <summary>
/// Demo coordinators: the demo NGO's survey, this month's campaign over Sehore and a few gaps at different points of their
/// lifecycle, made through the Surveys use cases as the caller, in one transaction. What exists already is left as it is.
/// Answers false when the caller's regions hold no Sehore district, and nothing is added then but the survey.
/// </summary>
public sealed record SeedSurveyDemoData : ICommand<bool>
{
    public const string SurveyName = "Village services check";
}

internal sealed class SeedSurveyDemoDataHandler(ICurrentUser caller, ISender sender, TimeProvider time) : ICommandHandler<SeedSurveyDemoData, bool>
{
    private const string SurveyName = SeedSurveyDemoData.SurveyName;

    private static readonly IReadOnlyList<Question> Questions =
    [
        new() { Key = "support_group", Type = QuestionType.YesNo, Required = true,
            Label = "Is there a mental-health support group within reach?", LabelHi = "क्या पास में कोई मानसिक स्वास्थ्य सहायता समूह है?",
            Gaps = new Dictionary<string, string> { ["no"] = "support-group" } },
        new() { Key = "missing_services", Type = QuestionType.MultiSelect,
            Label = "Which of these services are missing?", LabelHi = "इनमें से कौन सी सेवाएँ उपलब्ध नहीं हैं?",
            Choices =
            [
                new() { Value = "counselling", Label = "Counselling", LabelHi = "परामर्श" },
                new() { Value = "clinic", Label = "Clinic", LabelHi = "क्लिनिक" },
                new() { Value = "helpline", Label = "Helpline", LabelHi = "हेल्पलाइन" },
                new() { Value = "transport", Label = "Transport to services", LabelHi = "सेवाओं तक परिवहन" },
            ],
            Gaps = new Dictionary<string, string> { ["counselling"] = "counselling", ["clinic"] = "clinic", ["helpline"] = "helpline", ["transport"] = "transport" } },
        new() { Key = "nearest_help", Type = QuestionType.SingleSelect,
            Label = "Where is the nearest counsellor?", LabelHi = "सबसे नज़दीकी परामर्शदाता कहाँ है?",
            Choices =
            [
                new() { Value = "village", Label = "In the village", LabelHi = "गाँव में" },
                new() { Value = "block", Label = "In the block town", LabelHi = "ब्लॉक में" },
                new() { Value = "district", Label = "In the district town", LabelHi = "ज़िले में" },
                new() { Value = "none", Label = "Nobody knows of one", LabelHi = "किसी को नहीं पता" },
            ] },
        new() { Key = "wellbeing", Type = QuestionType.Scale, Required = true,
            Label = "How are people in the village coping?", LabelHi = "गाँव के लोग कैसे सामना कर रहे हैं?" },
        new() { Key = "households", Type = QuestionType.Number, Min = 0, Max = 500,
            Label = "How many households did you speak with?", LabelHi = "आपने कितने परिवारों से बात की?" },
        new() { Key = "last_camp", Type = QuestionType.Date,
            Label = "When was the last health camp here?", LabelHi = "यहाँ आखिरी स्वास्थ्य शिविर कब लगा था?" },
        new() { Key = "location", Type = QuestionType.GpsPoint, Label = "Where are you?", LabelHi = "आप कहाँ हैं?" },
        new() { Key = "notes", Type = QuestionType.Text, Max = 1000, Label = "Anything else people told you", LabelHi = "लोगों ने और क्या बताया" },
    ];

    private static readonly (string Village, string Category, string Description, string[] Moves)[] DemoGaps =
    [
        ("Kotri", "support-group", "Women at the anganwadi meeting said there is nowhere to talk about stress.", []),
        ("Jawar", "counselling", "The nearest counsellor is in Sehore town, two hours away.", ["verified"]),
        ("Bhanwarkhedi", "clinic", "The sub-centre has been closed since the monsoon.", ["verified", "action-planned"]),
        ("Amlaha", "helpline", "Nobody knew of a helpline number.", ["verified", "action-planned", "addressed", "resolved"]),
        ("Nadan", "transport", "No bus to the block town on weekdays.", []),
    ];

    public async ValueTask<bool> Handle(SeedSurveyDemoData command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var survey = (await sender.Send(new ListTemplates(), cancellationToken)).FirstOrDefault(t => t.Name == SurveyName)?.Id
            ?? (await sender.Send(new CreateTemplate(SurveyName, "What support a village has within reach, asked of a few households at a time.", Questions), cancellationToken)).Id;

        var regions = new List<RegionSummary>();
        foreach (var path in (await sender.Send(new GetCallerScope(), cancellationToken)).Paths)
        {
            regions.AddRange(await sender.Send(new GetRegionSubtree(RegionAncestry.FromPath(path).RegionId), cancellationToken));
        }
        if (regions.FirstOrDefault(r => r.Level == RegionLevel.District && r.Name == "Sehore") is not { } sehore) return false;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1);
        var campaignName = $"{SurveyName}: Sehore, {month:MMMM yyyy}";
        if ((await sender.Send(new ListCampaigns(), cancellationToken)).All(c => c.Name != campaignName))
        {
            await sender.Send(new CreateCampaign(survey, campaignName, month, month.AddMonths(1).AddDays(-1), 5, [sehore.Id]), cancellationToken);
        }

        var villages = regions.Where(r => r.Level == RegionLevel.Village && r.Path.StartsWith(sehore.Path, StringComparison.Ordinal))
            .GroupBy(r => r.Name).ToDictionary(g => g.Key, g => g.First());
        foreach (var (villageName, category, description, moves) in DemoGaps)
        {
            if (!villages.TryGetValue(villageName, out var village)) continue;
            var existing = await sender.Send(new ListGaps(null, category, 1, 200), cancellationToken);
            if (existing.Items.Any(g => g.VillageId == village.Id)) continue;
            var gap = await sender.Send(new ReportGap(village.Id, category, description), cancellationToken);
            foreach (var move in moves)
            {
                gap = await sender.Send(new MoveGap(gap.Id, gap.Version, move, move == "resolved" ? "The district helpline is now painted on the panchayat wall." : null), cancellationToken);
            }
        }
        return true;
    }
}
