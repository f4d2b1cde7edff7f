using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

[Authorize(Policy = "case-workers")]
public sealed class FillModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid TemplateId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CampaignId { get; set; }
    [BindProperty] public Guid ResponseId { get; set; }
    [BindProperty] public int TemplateVersion { get; set; }
    [BindProperty] public Guid? VillageId { get; set; }
    [BindProperty] public DateOnly? CollectedOn { get; set; }

    public TemplateDetails Survey { get; private set; } = null!;
    public CampaignDetails? Campaign { get; private set; }
    public IReadOnlyList<VillageListItem> Villages { get; private set; } = [];
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Problem { get; private set; }

    public string Value(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : "";

    public bool Chosen(string name, string value) => Request.HasFormContentType && Request.Form[name].Contains(value);

    public async Task OnGetAsync(CancellationToken ct)
    {
        ResponseId = NewId.Next(time);
        CollectedOn = SurveyText.Today(time);
        await LoadAsync(null, ct);
        TemplateVersion = Survey.VersionNumber;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(TemplateVersion, ct);
        var (answers, latitude, longitude) = SurveyForm.Read(Survey.Questions, Request.Form);
        var result = await sender.Send(new SubmitResponse(new ResponseSubmission
        {
            Id = ResponseId, TemplateId = TemplateId, TemplateVersion = TemplateVersion, CampaignId = CampaignId,
            VillageId = VillageId ?? Guid.Empty, CollectedOn = CollectedOn ?? SurveyText.Today(time),
            Latitude = latitude, Longitude = longitude,
            Answers = answers,
        }), ct);
        if (result.Status != IntakeStatus.Rejected)
        {
            TempData["Notice"] = result.Status switch
            {
                IntakeStatus.Created => "Thank you. The response was saved.",
                IntakeStatus.Unchanged => "This response was saved already; sending it again changed nothing.",
                _ => "These answers were sent before with different content. Both versions are kept for a coordinator to compare; nothing was overwritten.",
            };
            return Redirect($"/Surveys/Sent/{ResponseId}?templateId={TemplateId}{(CampaignId is { } c ? $"&campaignId={c}" : "")}");
        }

        foreach (var (key, message) in result.Errors ?? new Dictionary<string, string>())
        {
            var questionKey = key.StartsWith("answers.", StringComparison.Ordinal) ? key["answers.".Length..] : key;
            var question = Survey.Questions.FirstOrDefault(q => q.Key == questionKey);
            Errors[questionKey] = question is null ? message : SurveyText.ForQuestion(question, message);
        }
        var elsewhere = Errors.Where(e => e.Key is not ("villageId" or "collectedOn") && Survey.Questions.All(q => q.Key != e.Key)).Select(e => e.Value);
        Problem = string.Join(" ", elsewhere.Prepend("Some answers need correcting; see the messages next to the questions. Nothing was saved yet."));
        return Page();
    }

    private async Task LoadAsync(int? version, CancellationToken ct)
    {
        Survey = await sender.Send(new GetTemplate(TemplateId, version), ct);
        IEnumerable<VillageListItem> villages = (await SurveyText.VillagesAsync(sender, ct)).Values;
        if (CampaignId is { } campaignId)
        {
            var progress = await sender.Send(new GetCampaignProgress(campaignId), ct);
            if (progress.Campaign.TemplateId != TemplateId) throw new NotFoundProblem("campaign", campaignId);
            Campaign = progress.Campaign;
            var inCampaign = progress.Villages.Select(v => v.VillageId).ToHashSet();
            villages = villages.Where(v => inCampaign.Contains(v.Id));
        }
        Villages = [.. villages.OrderBy(v => v.DistrictName).ThenBy(v => v.BlockName).ThenBy(v => v.Name)];
    }
}
