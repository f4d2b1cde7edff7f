using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared;
using Outreach.Shared.Notifications;
using Outreach.Cases.Contracts;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// A notification of a committed command reaches every subscriber: a failing one never fails the command, is retried,
/// waits for an admin once it has given up, and a delivery is never run twice, even by two deliverers at once.
/// </summary>
public abstract class NotificationTests(IOutreachApp app)
{
    private const string ProbeName = "Outreach.IntegrationTests.Infrastructure.SubscriberProbe";

    private sealed record DeliveryRow
    {
        public required string Subscriber { get; init; }
        public required int Attempts { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public DateTimeOffset? FailedAt { get; init; }
        public string? LastError { get; init; }
        public required DateTimeOffset NextAttemptAt { get; init; }
    }

    private sealed record Created(Guid Id);

    private async Task<Guid> NewPerson(HttpClient worker) => (await (await worker.PostJson("/api/v1/people", new
    {
        id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), givenName = "Rekha",
        consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
    })).Read<Created>(HttpStatusCode.Created)).Id;

    private async Task<HttpResponseMessage> PostVisit(HttpClient worker, Guid personId, Guid visitId, string notes = "Talked about work") =>
        await worker.PostJson($"/api/v1/people/{personId}/visits", new
        {
            id = visitId, villageId = await app.RegionId("Kotri"), visitedOn = DateOnly.FromDateTime(DateTime.UtcNow), purpose = "check-in", notes,
        });

    /// <summary>A worker records a visit (the probe told beforehand how often to fail for it); returns its id and its notification's.</summary>
    private async Task<(Guid VisitId, Guid NotificationId)> RecordVisit(int probeFailures)
    {
        using var worker = await app.ApiAs("worker");
        var personId = await NewPerson(worker);
        var visitId = Guid.CreateVersion7();
        app.Probe.FailFor(visitId, probeFailures);
        await (await PostVisit(worker, personId, visitId)).Read<Created>(HttpStatusCode.Created);
        Assert.Single(await app.Notifications.Of<VisitRecorded>(), n => n.VisitId == visitId);
        var notificationId = await app.WithDb(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM shared_notification WHERE type = @Type AND payload LIKE @Visit",
            new { Type = NotificationOutbox.TypeName(typeof(VisitRecorded)), Visit = $"%{visitId}%" }));
        return (visitId, notificationId);
    }

    private Task<IReadOnlyList<DeliveryRow>> Deliveries(Guid notificationId) => app.WithDb(db => db.QueryAsync<DeliveryRow>("""
        SELECT subscriber, attempts, delivered_at, failed_at, last_error, next_attempt_at FROM shared_notification_delivery
        WHERE notification_id = @Id ORDER BY subscriber
        """, new { Id = notificationId }));

    private Task<DeliveryRow> ProbeDelivery(Guid notificationId) =>
        Deliveries(notificationId).ContinueWith(t => t.Result.Single(d => d.Subscriber == ProbeName), TaskScheduler.Default);

    /// <summary>What the worker would find at its next poll once the retry delay has passed.</summary>
    private Task<int> MakeDue(Guid notificationId, string subscriber = ProbeName) => app.WithDb(db => db.ExecuteAsync(
        "UPDATE shared_notification_delivery SET next_attempt_at = @Past WHERE notification_id = @Id AND subscriber = @Subscriber",
        new { Id = notificationId, Subscriber = subscriber, Past = DateTimeOffset.UtcNow.AddMinutes(-1) }));

    private Task<int> DeliverDue() => app.Services.GetRequiredService<NotificationDelivery>().DeliverDueAsync(CancellationToken.None);

    [Fact]
    public async Task A_failing_subscriber_leaves_the_command_committed_and_is_retried_until_it_succeeds()
    {
        var (visitId, notificationId) = await RecordVisit(probeFailures: 2);

        var afterCommand = await Deliveries(notificationId);
        await MakeDue(notificationId);
        await DeliverDue();
        var afterSecond = await ProbeDelivery(notificationId);
        await MakeDue(notificationId);
        await DeliverDue();
        var afterThird = await ProbeDelivery(notificationId);

        var probe = Assert.Single(afterCommand, d => d.Subscriber == ProbeName);
        Assert.Equal(1, probe.Attempts);
        Assert.Null(probe.DeliveredAt);
        Assert.Contains("told to fail", probe.LastError, StringComparison.Ordinal);
        Assert.True(probe.NextAttemptAt > DateTimeOffset.UtcNow, "A failed delivery waits before it is tried again.");
        Assert.All(afterCommand.Where(d => d.Subscriber != ProbeName), d => Assert.NotNull(d.DeliveredAt));
        Assert.Equal((2, (DateTimeOffset?)null), (afterSecond.Attempts, afterSecond.DeliveredAt));
        Assert.True(afterSecond.NextAttemptAt - DateTimeOffset.UtcNow > probe.NextAttemptAt - DateTimeOffset.UtcNow,
            "Each retry waits longer than the one before.");
        Assert.Equal(3, afterThird.Attempts);
        Assert.NotNull(afterThird.DeliveredAt);
        Assert.Null(afterThird.LastError);
        Assert.Equal(1, app.Probe.Received(visitId));
    }

    [Fact]
    public async Task A_subscriber_that_keeps_failing_waits_for_an_admin_with_its_reason_and_is_delivered_when_sent_again()
    {
        var (visitId, notificationId) = await RecordVisit(probeFailures: 3);
        await MakeDue(notificationId);
        await DeliverDue();
        await MakeDue(notificationId);
        await DeliverDue();
        await MakeDue(notificationId);
        var stillWaiting = await DeliverDue();
        var admin = new TestCaller(await app.UserId("admin"), Roles.Admin);

        var listed = await app.SendAs(admin, new ListNotificationDeliveries(PageSize: 200));
        var coordinator = new TestCaller(await app.UserId("coordinator"), Roles.Coordinator);
        var coordinatorLooks = await Assert.ThrowsAsync<ForbiddenProblem>(() => app.SendAs(coordinator, new ListNotificationDeliveries()));
        var item = Assert.Single(listed.Items, i => i.NotificationId == notificationId);
        using var adminPages = await Ui.SignInAsync(app, "admin");
        using var coordinatorPages = await Ui.SignInAsync(app, "coordinator");
        var page = await adminPages.GetStringAsync("/Notifications");
        var coordinatorPage = await coordinatorPages.GetAsync("/Notifications");
        var sentAgain = await Ui.PostFormAsync(adminPages, "/Notifications?handler=Retry",
            new() { ["notificationId"] = notificationId.ToString(), ["subscriber"] = item.Subscriber });
        await DeliverDue();
        var delivered = await ProbeDelivery(notificationId);

        Assert.Equal(0, stillWaiting);
        Assert.True(item.GivenUp);
        Assert.Equal(3, item.Attempts);
        Assert.Equal(("VisitRecorded", "SubscriberProbe"), (item.NotificationName, item.SubscriberName));
        Assert.Contains("told to fail", item.LastError, StringComparison.Ordinal);
        Assert.NotNull(coordinatorLooks);
        Assert.Contains("SubscriberProbe", page, StringComparison.Ordinal);
        Assert.Contains("told to fail", page, StringComparison.Ordinal);
        Assert.Contains("/Account/AccessDenied", coordinatorPage.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sentAgain.StatusCode);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.Equal(1, app.Probe.Received(visitId));
        Assert.DoesNotContain((await app.SendAs(admin, new ListNotificationDeliveries(PageSize: 200))).Items, i => i.NotificationId == notificationId);
    }

    [Fact]
    public async Task A_delivered_notification_is_not_delivered_again_and_two_deliverers_never_run_the_same_delivery()
    {
        var recorded = new List<(Guid VisitId, Guid NotificationId)>();
        for (var i = 0; i < 4; i++) recorded.Add(await RecordVisit(probeFailures: 1));
        foreach (var (_, notificationId) in recorded) await MakeDue(notificationId);
        var options = app.Services.GetRequiredService<IOptions<NotificationOptions>>();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var first = new NotificationDelivery(scopes, TimeProvider.System, options, logs.CreateLogger<NotificationDelivery>());
        var second = new NotificationDelivery(scopes, TimeProvider.System, options, logs.CreateLogger<NotificationDelivery>());

        await Task.WhenAll(
            first.DeliverDueAsync(CancellationToken.None), second.DeliverDueAsync(CancellationToken.None),
            first.DeliverDueAsync(CancellationToken.None), second.DeliverDueAsync(CancellationToken.None));
        await DeliverDue();

        foreach (var (visitId, notificationId) in recorded)
        {
            var probe = await ProbeDelivery(notificationId);
            Assert.Equal(2, probe.Attempts);
            Assert.NotNull(probe.DeliveredAt);
            Assert.Equal(1, app.Probe.Received(visitId));
        }
    }

    [Fact]
    public async Task A_visits_gap_evidence_delivered_a_second_time_is_still_counted_once()
    {
        using var worker = await app.ApiAs("worker");
        var personId = await NewPerson(worker);
        var visitId = Guid.CreateVersion7();
        var posted = await worker.PostJson($"/api/v1/people/{personId}/visits", new
        {
            id = visitId, villageId = await app.RegionId("Kotri"), visitedOn = DateOnly.FromDateTime(DateTime.UtcNow), purpose = "check-in",
            gapCategories = new[] { "clinic", "helpline" },
        });
        await posted.Read<Created>(HttpStatusCode.Created);
        var notificationId = await app.WithDb(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM shared_notification WHERE payload LIKE @Visit", new { Visit = $"%{visitId}%" }));
        const string Evidence = "Outreach.Surveys.Gaps.RecordVisitEvidenceHandler";
        Task<long> EvidenceRows() => app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM surveys_visit_evidence WHERE visit_id = @VisitId", new { VisitId = visitId }));
        var first = await EvidenceRows();

        await app.WithDb(db => db.ExecuteAsync(
            "UPDATE shared_notification_delivery SET delivered_at = NULL WHERE notification_id = @Id AND subscriber = @Subscriber",
            new { Id = notificationId, Subscriber = Evidence }));
        await MakeDue(notificationId, Evidence);
        await DeliverDue();

        var again = Assert.Single(await Deliveries(notificationId), d => d.Subscriber == Evidence);
        Assert.Equal(2, first);
        Assert.Equal((2, 2L), (again.Attempts, await EvidenceRows()));
        Assert.NotNull(again.DeliveredAt);
    }

    [Fact]
    public async Task Notifications_of_a_rolled_back_command_are_never_stored()
    {
        using var worker = await app.ApiAs("worker");
        var personId = await NewPerson(worker);
        var visitId = Guid.CreateVersion7();
        await (await PostVisit(worker, personId, visitId)).Read<Created>(HttpStatusCode.Created);

        var different = await PostVisit(worker, personId, visitId, notes: "Something else entirely");

        await different.Problem(HttpStatusCode.Conflict);
        Assert.Single(await app.Notifications.Of<VisitRecorded>(), n => n.VisitId == visitId);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteNotificationTests(SqliteApp app) : NotificationTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresNotificationTests(PostgresApp app) : NotificationTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerNotificationTests(SqlServerApp app) : NotificationTests(app);
