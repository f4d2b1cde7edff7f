using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Outreach.Cases.Contracts;
using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public static class PeopleText
{
    public static readonly string[] Sexes = ["female", "male", "other"];

    public static string Purpose(ConsentPurpose purpose) => purpose switch
    {
        ConsentPurpose.CaseWork => "Case work",
        ConsentPurpose.ReferralSharing => "Sharing with services they are referred to",
        ConsentPurpose.Reporting => "Counting in anonymous reports",
        ConsentPurpose.SmsContact => "Contact by SMS",
        _ => purpose.ToString(),
    };

    public static string Status(string status) => status == "open" ? "Open" : "Closed";

    public static string Sex(string? sex) => sex is null ? "Not recorded" : char.ToUpperInvariant(sex[0]) + sex[1..];

    public static bool MayChange(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.OutreachWorker) || user.IsInRole(Roles.Coordinator);

    /// <summary>Puts a command's field errors beside the form inputs named <paramref name="prefix"/>.Field and returns the message for the top of the form.</summary>
    public static string Show(OutreachProblem problem, ModelStateDictionary state, string prefix)
    {
        if (problem is not ValidationProblem invalid) return problem.Message;
        foreach (var (field, messages) in invalid.Errors)
        {
            var name = field.Split('[')[0];
            foreach (var message in messages) state.AddModelError($"{prefix}.{char.ToUpperInvariant(name[0])}{name[1..]}", message);
        }
        return "Some details need correcting; see the messages next to the fields.";
    }

    public static async Task<IReadOnlyDictionary<Guid, RegionSummary>> VillagesAsync(ISender sender, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var villages = new Dictionary<Guid, RegionSummary>();
        foreach (var id in ids.Distinct())
        {
            if (await sender.Send(new FindRegionInScope(id), ct) is { } village) villages[id] = village;
        }
        return villages;
    }
}
