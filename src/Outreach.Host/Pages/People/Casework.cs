using Mediator;
using Outreach.Cases.Directory;
using Outreach.Cases.FollowUps;
using Outreach.Cases.People;
using Outreach.Cases.Referrals;
using Outreach.Cases.Visits;
using Outreach.Organization.Regions;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class VisitForm
{
    public Guid Id { get; set; }
    public Guid? VillageId { get; set; }
    public DateOnly? VisitedOn { get; set; }
    public string? Purpose { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }
    public string? Notes { get; set; }
    public string? HealthNotes { get; set; }
    public List<string>? GapCategories { get; set; }
}

public sealed class FollowUpForm
{
    public Guid Id { get; set; }
    public DateOnly? DueOn { get; set; }
    public string? Note { get; set; }
}

public sealed class ReferralForm
{
    public Guid Id { get; set; }
    public Guid? ServiceId { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A person's follow-ups with Complete and Cancel buttons; <paramref name="Message"/> reports the last button pressed.</summary>
public sealed record FollowUpList(Guid PersonId, IReadOnlyList<FollowUpDetails> Items, DateOnly Today, string? Message = null, bool IsProblem = false)
{
    public static async Task<FollowUpList> LoadAsync(ISender sender, TimeProvider time, Guid personId, string? message, bool isProblem, CancellationToken ct) =>
        new(personId, await sender.Send(new ListFollowUps(personId), ct), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), message, isProblem);
}

/// <summary>A referral just sent: its one-time code is shown this once, with the provider link and its QR code.</summary>
public sealed record SentReferralView(Guid ReferralId, string ServiceName, string Code, string Link, DateTimeOffset ExpiresAt, string QrDataUri);

/// <summary>What the visit, follow-up and referral sections of a person's page show; a form not being posted starts with a new client id.</summary>
public sealed class Casework
{
    public required PersonDetails Person { get; init; }
    public required IReadOnlyList<VillageListItem> Villages { get; init; }
    public required IReadOnlyList<VisitDetails> Visits { get; init; }
    public required FollowUpList FollowUps { get; init; }
    public required IReadOnlyList<ReferralListItem> Referrals { get; init; }
    public required IReadOnlyList<ServiceListItem> Services { get; init; }
    public required VisitForm Visit { get; init; }
    public required FollowUpForm FollowUp { get; init; }
    public required ReferralForm Referral { get; init; }
    public string? Problem { get; init; }
    public string? ProblemFor { get; init; }
    public SentReferralView? Sent { get; init; }

    public static IReadOnlyList<string> Purposes => VisitChoices.Purposes;

    public static IReadOnlyList<string> GapCategories => VisitChoices.GapCategories;

    public static string Words(string code) => char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');

    public static async Task<Casework> LoadAsync(ISender sender, TimeProvider time, PersonDetails person, bool villageInScope,
        VisitForm? visit, FollowUpForm? followUp, ReferralForm? referral, string? problem, CancellationToken ct, SentReferralView? sent = null, string? problemFor = null)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new Casework
        {
            Person = person,
            Villages = (await sender.Send(new ListMyVillages(null, 1, Paging.MaxPageSize), ct)).Items,
            Visits = await sender.Send(new ListVisits(person.Id), ct),
            FollowUps = await FollowUpList.LoadAsync(sender, time, person.Id, null, false, ct),
            Referrals = await sender.Send(new ListReferrals(person.Id), ct),
            Services = (await sender.Send(new SearchServices(RegionId: villageInScope ? person.VillageId : null, PageSize: Paging.MaxPageSize), ct)).Items,
            Visit = visit ?? new() { Id = NewId.Next(time), VillageId = person.VillageId, VisitedOn = today },
            FollowUp = followUp ?? new() { Id = NewId.Next(time), DueOn = today.AddDays(7) },
            Referral = referral ?? new() { Id = NewId.Next(time) },
            Problem = problem,
            ProblemFor = problemFor ?? (visit is not null ? "Visit" : followUp is not null ? "FollowUp" : referral is not null ? "Referral" : null),
            Sent = sent,
        };
    }
}
