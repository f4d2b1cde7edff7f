using System.Net;
using Outreach.Cases.Contracts;
using Outreach.Cases.Referrals;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Security;

namespace Outreach.IntegrationTests.Cases;

/// <summary>Closed-loop referrals: consent, the state machine, one-time provider codes, scope and escalation, on each real database.</summary>
public abstract class ReferralTests(IOutreachApp app)
{
    private const string RiskNote = "Spoke of self-harm last month";

    private sealed record IdView(Guid Id);

    private sealed record EventView(string? FromStatus, string ToStatus, string Actor, string? Note);

    private sealed record ReferralView(Guid Id, Guid PersonId, Guid ServiceId, string Status, string Reason, List<string> AllowedNext, List<EventView> History);

    private sealed record SentView(string Code, string Link, DateTimeOffset ExpiresAt);

    private sealed record ProviderView(string ServiceName, string Status, bool Shareable, string? PersonReference, string? FirstName, string? Reason, bool MayRespond);

    private async Task<(Guid PersonId, Guid ServiceId)> PersonAndService(HttpClient worker, bool referralConsent = true)
    {
        var person = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(),
            villageId = await app.RegionId("Kotri"),
            givenName = "Lakshmi",
            familyName = "Bai",
            riskNote = RiskNote,
            consentedPurposes = referralConsent ? new[] { "CaseWork", "ReferralSharing" } : ["CaseWork"],
            consentMethod = "Verbal",
        })).Read<IdView>(HttpStatusCode.Created);
        var service = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = "Sehore peer group " + Guid.NewGuid().ToString("N")[..6], category = "support-group",
            regionId = await app.RegionId("Sehore"), contact = "+91 94250 00000", mode = "both",
        })).Read<IdView>(HttpStatusCode.Created);
        return (person.Id, service.Id);
    }

    private async Task<ReferralView> NewReferral(HttpClient worker)
    {
        var (personId, serviceId) = await PersonAndService(worker);
        return await (await worker.PostJson($"/api/v1/people/{personId}/referrals", new { id = Guid.CreateVersion7(), serviceId, reason = "Low mood for weeks; wants a peer group" }))
            .Read<ReferralView>(HttpStatusCode.Created);
    }

    private async Task<(ReferralView Referral, SentView Sent)> SentReferral(HttpClient worker)
    {
        var referral = await NewReferral(worker);
        var sent = await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/send", new { })).Read<SentView>();
        return (referral, sent);
    }

    [Fact]
    public async Task A_referral_goes_round_the_loop_and_every_step_is_in_its_history()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        Assert.Equal("created", referral.Status);
        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$", sent.Code);
        Assert.EndsWith("/Referral/" + sent.Code, sent.Link, StringComparison.Ordinal);
        var storedHash = await app.WithDb(db => db.ExecuteScalarAsync<string>("SELECT code_hash FROM cases_referral WHERE id = @Id", new { referral.Id }));
        Assert.Equal(64, storedHash.Length);
        Assert.DoesNotContain(sent.Code, storedHash, StringComparison.OrdinalIgnoreCase);

        using var provider = app.Anonymous();
        var view = await (await provider.GetAsync($"/api/v1/referral-codes/{sent.Code.ToLowerInvariant()}")).Read<ProviderView>();
        Assert.True(view.MayRespond);
        Assert.Equal("Lakshmi", view.FirstName);
        Assert.Equal("Low mood for weeks; wants a peer group", view.Reason);
        var accepted = await (await provider.PostJson($"/api/v1/referral-codes/{sent.Code}", new { decision = "Accept", note = "Thursday 4pm" })).Read<ProviderView>();
        Assert.Equal("accepted", accepted.Status);

        await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/attended", new { note = "Went with her sister" })).Read<ReferralView>();
        var closed = await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/close", new { })).Read<ReferralView>();
        Assert.Equal("closed", closed.Status);
        Assert.Empty(closed.AllowedNext);
        Assert.Equal(["created", "sent", "accepted", "attended", "closed"], closed.History.Select(h => h.ToStatus).ToArray());
        Assert.Equal("provider", closed.History[2].Actor);
        Assert.Equal("Thursday 4pm", closed.History[2].Note);
        Assert.Equal((await app.UserId("worker")).ToString(), closed.History[3].Actor);
        Assert.Equal(5, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_referral_event WHERE referral_id = @Id", new { referral.Id })));

        var listed = await (await worker.GetAsync($"/api/v1/people/{referral.PersonId}/referrals")).Read<List<ReferralView>>();
        Assert.Equal(referral.Id, Assert.Single(listed).Id);
        var audited = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'allowed' AND action IN ('SendReferral', 'MarkAttended', 'CloseReferral')", new { referral.Id }));
        Assert.Equal(3, audited);
    }

    [Fact]
    public async Task A_referral_to_a_support_group_is_announced_once_after_commit_without_the_persons_name()
    {
        using var worker = await app.ApiAs("worker");
        var (personId, groupId) = await PersonAndService(worker);
        var body = new { id = Guid.CreateVersion7(), serviceId = groupId, reason = "Wants to meet others who lost a harvest" };
        var referral = await (await worker.PostJson($"/api/v1/people/{personId}/referrals", body)).Read<ReferralView>(HttpStatusCode.Created);
        await (await worker.PostJson($"/api/v1/people/{personId}/referrals", body)).Read<ReferralView>(HttpStatusCode.Created);

        var announced = Assert.Single(await app.Notifications.Of<PersonReferredToGroup>(), n => n.ReferralId == referral.Id);
        Assert.Equal(groupId, announced.ServiceId);
        Assert.Equal(await app.RegionId("Kotri"), announced.VillageId);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), announced.ReferredOn);
        Assert.DoesNotContain("Lakshmi", announced.ToString(), StringComparison.Ordinal);

        var helpline = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = "Sehore helpline " + Guid.NewGuid().ToString("N")[..6], category = "helpline",
            regionId = await app.RegionId("Sehore"), contact = "+91 1800 599 0019", mode = "virtual",
        })).Read<IdView>(HttpStatusCode.Created);
        var toHelpline = await (await worker.PostJson($"/api/v1/people/{personId}/referrals", new { id = Guid.CreateVersion7(), serviceId = helpline.Id, reason = "Nights are hard" }))
            .Read<ReferralView>(HttpStatusCode.Created);
        Assert.DoesNotContain(await app.Notifications.Of<PersonReferredToGroup>(), n => n.ReferralId == toHelpline.Id);

        var (otherPerson, _) = await PersonAndService(worker, referralConsent: false);
        await (await worker.PostJson($"/api/v1/people/{otherPerson}/referrals", new { id = Guid.CreateVersion7(), serviceId = groupId, reason = "x" }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.DoesNotContain(await app.Notifications.Of<PersonReferredToGroup>(), n => n.ServiceId == groupId && n.ReferralId != referral.Id);
    }

    [Fact]
    public async Task Without_consent_to_share_a_referral_none_is_made()
    {
        using var worker = await app.ApiAs("worker");
        var (personId, serviceId) = await PersonAndService(worker, referralConsent: false);
        var problem = await (await worker.PostJson($"/api/v1/people/{personId}/referrals", new { id = Guid.CreateVersion7(), serviceId, reason = "Needs a group" }))
            .Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("ReferralSharing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_referral WHERE person_id = @PersonId", new { PersonId = personId })));
    }

    [Fact]
    public async Task An_illegal_move_is_refused_naming_the_moves_allowed()
    {
        using var worker = await app.ApiAs("worker");
        var referral = await NewReferral(worker);
        var problem = await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/attended", new { })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("sent, withdrawn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["sent", "withdrawn"], problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()!).ToArray());
        await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/close", new { })).Problem(HttpStatusCode.UnprocessableEntity);

        var withdrawn = await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/withdraw", new { note = "Changed her mind" })).Read<ReferralView>();
        Assert.Equal("withdrawn", withdrawn.Status);
        await (await worker.PostJson($"/api/v1/referrals/{referral.Id}/send", new { })).Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_expired_or_unknown_code_opens_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_referral SET code_expires_at = @At WHERE id = @Id", new { At = DateTimeOffset.UtcNow.AddMinutes(-1), referral.Id }));

        using var provider = app.Anonymous();
        var gone = await (await provider.GetAsync($"/api/v1/referral-codes/{sent.Code}")).Problem(HttpStatusCode.Gone);
        Assert.DoesNotContain("Lakshmi", gone.ToString(), StringComparison.Ordinal);
        await (await provider.PostJson($"/api/v1/referral-codes/{sent.Code}", new { decision = "Accept" })).Problem(HttpStatusCode.Gone);
        var unknown = await (await provider.GetAsync("/api/v1/referral-codes/ZZZZ2222")).Problem(HttpStatusCode.NotFound);
        Assert.Equal(gone.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
        await (await provider.GetAsync("/api/v1/referral-codes/not-a-code")).Problem(HttpStatusCode.NotFound);
        Assert.Equal("sent", (await (await worker.GetAsync($"/api/v1/referrals/{referral.Id}")).Read<ReferralView>()).Status);
    }

    [Fact]
    public async Task A_code_works_once()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        using var provider = app.Anonymous();
        await (await provider.PostJson($"/api/v1/referral-codes/{sent.Code}", new { decision = "Decline", note = "Group is full" })).Read<ProviderView>();
        await (await provider.PostJson($"/api/v1/referral-codes/{sent.Code}", new { decision = "Accept" })).Problem(HttpStatusCode.Gone);
        await (await provider.GetAsync($"/api/v1/referral-codes/{sent.Code}")).Problem(HttpStatusCode.Gone);
        Assert.Equal("declined", (await (await worker.GetAsync($"/api/v1/referrals/{referral.Id}")).Read<ReferralView>()).Status);
    }

    [Fact]
    public async Task The_provider_never_sees_risk_notes_and_sees_nothing_personal_once_consent_is_withdrawn()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        using var provider = app.Anonymous();
        var before = await (await provider.GetAsync($"/api/v1/referral-codes/{sent.Code}")).Content.ReadAsStringAsync();
        Assert.Contains("Lakshmi", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Bai", before, StringComparison.Ordinal);
        Assert.DoesNotContain(RiskNote, before, StringComparison.Ordinal);

        await (await worker.PostJson($"/api/v1/people/{referral.PersonId}/consents", new { purpose = "ReferralSharing", granted = false, method = "Verbal" })).Read<List<object>>();
        var response = await provider.GetAsync($"/api/v1/referral-codes/{sent.Code}");
        var raw = await response.Content.ReadAsStringAsync();
        var after = await response.Read<ProviderView>();
        Assert.False(after.Shareable);
        Assert.False(after.MayRespond);
        Assert.Null(after.FirstName);
        Assert.Null(after.PersonReference);
        Assert.Null(after.Reason);
        Assert.DoesNotContain("Lakshmi", raw, StringComparison.Ordinal);
        await (await provider.PostJson($"/api/v1/referral-codes/{sent.Code}", new { decision = "Accept" })).Problem(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_worker_in_another_district_can_neither_see_nor_move_the_referral()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        var referral = await NewReferral(worker);
        await (await vidisha.GetAsync($"/api/v1/referrals/{referral.Id}")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/referrals/{referral.Id}/send", new { })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/referrals/{referral.Id}/withdraw", new { })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.GetAsync($"/api/v1/people/{referral.PersonId}/referrals")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/people/{referral.PersonId}/referrals", new { id = Guid.CreateVersion7(), referral.ServiceId, reason = "x" }))
            .Problem(HttpStatusCode.NotFound);
        Assert.Equal("created", (await (await worker.GetAsync($"/api/v1/referrals/{referral.Id}")).Read<ReferralView>()).Status);
        var denials = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { referral.Id }));
        Assert.Equal(3, denials);
    }

    [Fact]
    public async Task An_unanswered_referral_is_escalated_once_however_often_the_job_runs()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, _) = await SentReferral(worker);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_referral SET sent_at = @At WHERE id = @Id", new { At = DateTimeOffset.UtcNow.AddDays(-8), referral.Id }));

        var first = await app.SendAs(new SystemUser(), new EscalateUnansweredReferrals());
        var escalatedAt = await app.WithDb(db => db.ExecuteScalarAsync<DateTimeOffset?>("SELECT escalated_at FROM cases_referral WHERE id = @Id", new { referral.Id }));
        var second = await app.SendAs(new SystemUser(), new EscalateUnansweredReferrals());

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.NotNull(escalatedAt);
        Assert.Equal(escalatedAt, await app.WithDb(db => db.ExecuteScalarAsync<DateTimeOffset?>("SELECT escalated_at FROM cases_referral WHERE id = @Id", new { referral.Id })));
        Assert.Equal("sent", (await (await worker.GetAsync($"/api/v1/referrals/{referral.Id}")).Read<ReferralView>()).Status);
    }

    [Fact]
    public async Task The_provider_link_is_available_as_a_qr_code_for_the_code_that_was_issued()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        var response = await worker.GetAsync($"/api/v1/referrals/{referral.Id}/qr.png?code={sent.Code}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/referrals/{referral.Id}/qr.png?code=ZZZZ2222")).StatusCode);
        using var vidisha = await app.ApiAs("worker.vidisha");
        Assert.Equal(HttpStatusCode.NotFound, (await vidisha.GetAsync($"/api/v1/referrals/{referral.Id}/qr.png?code={sent.Code}")).StatusCode);
    }

    [Fact]
    public async Task The_provider_page_shows_what_consent_allows_and_accepts_with_an_antiforgery_token()
    {
        using var worker = await app.ApiAs("worker");
        var (referral, sent) = await SentReferral(worker);
        using var provider = app.Anonymous();
        var page = await provider.GetAsync($"/Referral/{sent.Code}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Lakshmi", html, StringComparison.Ordinal);
        Assert.DoesNotContain(RiskNote, html, StringComparison.Ordinal);

        var url = $"/Referral/{sent.Code}?handler=Accept";
        var withoutToken = await provider.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Note"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var answered = await provider.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Note"] = "Come on Thursday", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("accepted", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("accepted", (await (await worker.GetAsync($"/api/v1/referrals/{referral.Id}")).Read<ReferralView>()).Status);
        Assert.Equal(HttpStatusCode.Gone, (await provider.GetAsync($"/Referral/{sent.Code}")).StatusCode);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteReferralTests(SqliteApp app) : ReferralTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresReferralTests(PostgresApp app) : ReferralTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerReferralTests(SqlServerApp app) : ReferralTests(app);
