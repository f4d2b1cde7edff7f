using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Pages.Surveys;
using Outreach.Organization.Contracts;
using Outreach.Organization.Users;
using Outreach.Shared;
using Outreach.Surveys.Gaps;

namespace Outreach.Host.Pages.Gaps;

public sealed class DetailsModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [TempData] public string? Notice { get; set; }
    public GapView View { get; private set; } = null!;
    public RegionSummary? Village { get; private set; }
    public Dictionary<Guid, string> People { get; } = [];
    public IReadOnlyList<UserSummary> Owners { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool Stale { get; private set; }
    public DateOnly Today { get; private set; }

    public string Who(Guid id) => id == Guid.Empty ? "the evidence rule" : People.GetValueOrDefault(id, "a colleague");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = SurveyText.Today(time);
        View = await sender.Send(new GetGap(Id), ct);
        Village = await sender.Send(new FindRegionInScope(View.Gap.VillageId), ct);
        foreach (var id in View.History.Select(h => h.ChangedBy).Append(View.Gap.OwnerId ?? Guid.Empty).Where(id => id != Guid.Empty).Distinct())
        {
            if (await sender.Send(new FindUserInScope(id), ct) is { } user) People[id] = user.DisplayName;
        }
        if (SurveyText.IsCoordinator(User)) Owners = (await sender.Send(new ListUsers(null, 1, Paging.MaxPageSize), ct)).Items.Where(u => u.IsActive).ToList();
    }

    public Task<IActionResult> OnPostMoveAsync(int version, string? state, string? note, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(state) ? ShowAgainAsync("Choose the state to move the gap to.", ct)
            : RunAsync(new MoveGap(Id, version, state, note), $"The gap is now {GapText.State(state).ToLowerInvariant()}.", ct);

    /// <summary>A post without the gap's handler (or a form posted without its fields) is answered with the page and a 400.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ShowAgainAsync("Choose what to change about the gap.", ct);

    private async Task<IActionResult> ShowAgainAsync(string problem, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAssignAsync(int version, Guid? ownerId, DateOnly? dueOn, CancellationToken ct) =>
        RunAsync(new AssignGap(Id, version, ownerId, dueOn), "Owner and due date saved.", ct);

    private async Task<IActionResult> RunAsync(ICommand<GapDetails> command, string done, CancellationToken ct)
    {
        try
        {
            await sender.Send(command, ct);
            Notice = done;
            return Redirect($"/Gaps/{Id}");
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or ConcurrencyProblem or UnprocessableProblem or ConflictProblem)
        {
            Stale = problem is ConcurrencyProblem;
            Problem = problem switch
            {
                ConcurrencyProblem => GapText.Changed,
                ValidationProblem invalid => string.Join(" ", invalid.Errors.SelectMany(e => e.Value)),
                _ => problem.Message,
            };
        }
        await OnGetAsync(ct);
        return Page();
    }
}
