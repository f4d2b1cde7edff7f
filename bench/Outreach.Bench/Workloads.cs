using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bogus;
using Dapper;
using NpgsqlTypes;
using Outreach.Cases.People;
using Outreach.Shared.Data;

namespace Outreach.Bench;

public sealed record WorkloadPlan(int People, int Visits, int Responses, int RandomSeed);

public sealed record WorkloadSeed(Guid ManagerId, long People, long Visits, long FollowUps, long Responses, long ResponseGaps, long Gaps, string SearchTerm, TimeSpan Elapsed);

/// <summary>
/// Case and survey volumes of a large programme (by default 100,000 people, 500,000 visits and 1,000,000 survey responses)
/// spread over every village of the seeded region tree, so caseload, search and the gap dashboard are measured at scale.
/// </summary>
public static class WorkloadSeeder
{
    public const string ManagerUsername = "bench.manager";

    private static readonly string[] Categories = ["mental-health-support", "counselling", "support-group", "clinic", "helpline", "transport"];
    private static readonly string[] States = ["reported", "verified", "action-planned", "addressed", "resolved"];

    private sealed record Village
    {
        public required Guid Id { get; init; }
        public required string Path { get; init; }
    }

    private static readonly BulkColumn[] Ancestry =
    [
        new("village_id", NpgsqlDbType.Uuid), new("block_id", NpgsqlDbType.Uuid), new("district_id", NpgsqlDbType.Uuid),
        new("state_id", NpgsqlDbType.Uuid), new("country_id", NpgsqlDbType.Uuid), new("region_path", NpgsqlDbType.Varchar),
    ];

    public static async Task<WorkloadSeed> SeedAsync(ConnectionFactory factory, Guid benchUserId, WorkloadPlan plan, Action<string> log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var random = new Randomizer(plan.RandomSeed);
        var faker = new Faker("en_IND") { Random = random };
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var connection = await factory.OpenAsync(cancellationToken);

        var villages = (await connection.QueryAsync<Village>("SELECT id, path FROM org_region WHERE level = 5")).ToArray();
        var benchPath = await connection.ExecuteScalarAsync<string>(factory.Dialect.Render(
            "SELECT r.path FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id WHERE ur.user_id = @UserId"), new { UserId = benchUserId });

        var managerId = Guid.CreateVersion7();
        await connection.ExecuteAsync(factory.Dialect.Render("""
            INSERT INTO org_user (id, username, normalized_username, display_name, role, password_hash, is_active, failed_sign_ins, locked_until, version, created_at, updated_at)
            SELECT @Id, @Username, @Normalized, 'Bench Manager', 'Manager', password_hash, {true}, 0, NULL, 1, created_at, updated_at FROM org_user WHERE id = @BenchUser
            """), new { Id = managerId, Username = ManagerUsername, Normalized = ManagerUsername.ToUpperInvariant(), BenchUser = benchUserId });
        await connection.ExecuteAsync("INSERT INTO org_user_region (user_id, region_id, assigned_at, country_id) SELECT @UserId, id, created_at, country_id FROM org_region WHERE level = 1",
            new { UserId = managerId });

        object?[] AncestryOf(Village village)
        {
            var ids = village.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => (object?)Guid.ParseExact(id, "N")).ToArray();
            return [ids[4], ids[3], ids[2], ids[1], ids[0], village.Path];
        }

        // People: the bench worker carries a caseload of about 400 people in their district; the rest belong to others.
        var people = new (Guid Id, Village Village)[plan.People];
        var benchVillages = villages.Where(v => v.Path.StartsWith(benchPath!, StringComparison.Ordinal)).ToArray();
        var otherWorker = Guid.CreateVersion7();
        var personRows = Enumerable.Range(0, plan.People).Select(i =>
        {
            var ownCase = i % 250 == 0;
            var village = ownCase ? benchVillages[i % benchVillages.Length] : villages[random.Number(villages.Length - 1)];
            var id = Guid.CreateVersion7();
            people[i] = (id, village);
            var named = random.Bool(0.85f);
            var (given, family) = named ? (faker.Name.FirstName(), faker.Name.LastName()) : (null, null);
            return (object?[])[
                id, $"P-{i:D8}", given, family, NameKey.For(given, family), "female", 1960 + random.Number(45),
                random.Bool(0.5f) ? "98" + random.Number(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture) : null, "open",
                .. AncestryOf(village), ownCase ? benchUserId : otherWorker, "bench", 1, otherWorker, now, now];
        });
        var personCount = await BulkWriter.WriteAsync(connection, "cases_person",
        [
            new("id", NpgsqlDbType.Uuid), new("reference", NpgsqlDbType.Varchar), new("given_name", NpgsqlDbType.Varchar), new("family_name", NpgsqlDbType.Varchar),
            new("search_key", NpgsqlDbType.Varchar), new("sex", NpgsqlDbType.Varchar), new("birth_year", NpgsqlDbType.Integer), new("phone", NpgsqlDbType.Varchar), new("status", NpgsqlDbType.Varchar),
            .. Ancestry, new("assigned_worker_id", NpgsqlDbType.Uuid), new("content_hash", NpgsqlDbType.Varchar), new("version", NpgsqlDbType.Integer),
            new("created_by", NpgsqlDbType.Uuid), new("created_at", NpgsqlDbType.TimestampTz), new("updated_at", NpgsqlDbType.TimestampTz),
        ], personRows, cancellationToken);
        log($"seeded {personCount:N0} people");
        var searchTerm = await connection.ExecuteScalarAsync<string>(factory.Dialect.Render(
            "SELECT given_name FROM cases_person WHERE assigned_worker_id = @UserId AND given_name IS NOT NULL ORDER BY reference {page}"),
            new { UserId = benchUserId, Skip = 0, Take = 1 });

        var visitRows = Enumerable.Range(0, plan.Visits).Select(i =>
        {
            var (personId, village) = people[random.Number(people.Length - 1)];
            var gaps = random.Bool(0.2f) ? Categories[random.Number(Categories.Length - 1)] : null;
            return (object?[])[Guid.CreateVersion7(), personId, .. AncestryOf(village), today.AddDays(-random.Number(700)), "check-in", gaps, "bench", otherWorker, now];
        });
        var visitCount = await BulkWriter.WriteAsync(connection, "cases_visit",
        [
            new("id", NpgsqlDbType.Uuid), new("person_id", NpgsqlDbType.Uuid), .. Ancestry, new("visited_on", NpgsqlDbType.Date), new("purpose", NpgsqlDbType.Varchar),
            new("gap_categories", NpgsqlDbType.Varchar), new("content_hash", NpgsqlDbType.Varchar), new("recorded_by", NpgsqlDbType.Uuid), new("created_at", NpgsqlDbType.TimestampTz),
        ], visitRows, cancellationToken);
        log($"seeded {visitCount:N0} visits");

        var followUpRows = people.Where((_, i) => i % 2 == 0).Select((p, i) => (object?[])[
            Guid.CreateVersion7(), p.Id, today.AddDays(random.Number(-30, 60)), "Check in", i % 5 == 0 ? "done" : "open",
            i * 2 % 250 == 0 ? benchUserId : otherWorker, 1, now]);
        var followUpCount = await BulkWriter.WriteAsync(connection, "cases_follow_up",
        [
            new("id", NpgsqlDbType.Uuid), new("person_id", NpgsqlDbType.Uuid), new("due_on", NpgsqlDbType.Date), new("note", NpgsqlDbType.Varchar),
            new("status", NpgsqlDbType.Varchar), new("assigned_worker_id", NpgsqlDbType.Uuid), new("version", NpgsqlDbType.Integer), new("created_at", NpgsqlDbType.TimestampTz),
        ], followUpRows, cancellationToken);
        log($"seeded {followUpCount:N0} follow-ups");

        // One survey, a campaign per state, a million responses; about a third report a missing service.
        var templateId = Guid.CreateVersion7();
        await connection.ExecuteAsync(factory.Dialect.Render("""
            INSERT INTO surveys_template (id, name, latest_version, created_by, created_at, version) VALUES (@Id, 'Village services check', 1, @By, @Now, 1);
            INSERT INTO surveys_template_version (template_id, number, questions, published_by, published_at)
            VALUES (@Id, 1, '[{"key":"support_group","type":"YesNo","label":"Support group within reach?","required":true,"gaps":{"no":"support-group"}}]', @By, @Now);
            """), new { Id = templateId, By = otherWorker, Now = now });
        var statePaths = villages.Select(v => "/" + string.Join('/', v.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2)) + "/").Distinct().ToArray();
        var campaigns = statePaths.ToDictionary(p => p, _ => Guid.CreateVersion7());
        await BulkWriter.WriteAsync(connection, "surveys_campaign",
        [
            new("id", NpgsqlDbType.Uuid), new("template_id", NpgsqlDbType.Uuid), new("name", NpgsqlDbType.Varchar), new("starts_on", NpgsqlDbType.Date),
            new("ends_on", NpgsqlDbType.Date), new("target_per_village", NpgsqlDbType.Integer), new("created_by", NpgsqlDbType.Uuid), new("created_at", NpgsqlDbType.TimestampTz),
        ], campaigns.Select((c, i) => (object?[])[c.Value, templateId, $"Services round {i + 1}", today.AddDays(-720), today.AddDays(30), 50, otherWorker, now]), cancellationToken);
        await BulkWriter.WriteAsync(connection, "surveys_campaign_region",
            [new("campaign_id", NpgsqlDbType.Uuid), new("region_id", NpgsqlDbType.Uuid), new("region_path", NpgsqlDbType.Varchar)],
            campaigns.Select(c => (object?[])[c.Value, Guid.ParseExact(c.Key.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], "N"), c.Key]), cancellationToken);

        var gapReports = new Dictionary<(Guid Village, string Category, string Path), int>();
        var responseRows = Enumerable.Range(0, plan.Responses).Select(i =>
        {
            var village = villages[random.Number(villages.Length - 1)];
            var id = Guid.CreateVersion7();
            var lacking = random.Bool(0.33f);
            var collectedOn = today.AddDays(-random.Number(700));
            var lackingCategory = lacking ? Categories[random.Number(Categories.Length - 1)] : null;
            if (lackingCategory is not null)
            {
                var key = (Guid.ParseExact(village.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[4], "N"), lackingCategory, village.Path);
                gapReports[key] = gapReports.GetValueOrDefault(key) + 1;
            }
            var campaign = campaigns[statePaths.First(p => village.Path.StartsWith(p, StringComparison.Ordinal))];
            return (object?[])[id, templateId, 1, campaign, .. AncestryOf(village), collectedOn, 23m + random.Number(1000) / 1000m, 77m + random.Number(1000) / 1000m,
                lacking ? """{"support_group":false}""" : """{"support_group":true}""", lackingCategory is null ? null : $"|{lackingCategory}|", "bench", "sync", otherWorker, now];
        });
        var responseCount = await BulkWriter.WriteAsync(connection, "surveys_response",
        [
            new("id", NpgsqlDbType.Uuid), new("template_id", NpgsqlDbType.Uuid), new("template_version", NpgsqlDbType.Integer), new("campaign_id", NpgsqlDbType.Uuid),
            .. Ancestry, new("collected_on", NpgsqlDbType.Date), new("latitude", NpgsqlDbType.Numeric), new("longitude", NpgsqlDbType.Numeric),
            new("answers", NpgsqlDbType.Text), new("gap_categories", NpgsqlDbType.Varchar), new("content_hash", NpgsqlDbType.Varchar), new("source", NpgsqlDbType.Varchar),
            new("submitted_by", NpgsqlDbType.Uuid),
            new("received_at", NpgsqlDbType.TimestampTz),
        ], responseRows, cancellationToken);
        await BulkWriter.WriteAsync(connection, "surveys_gap_tally",
            [new("village_id", NpgsqlDbType.Uuid), new("category", NpgsqlDbType.Varchar), new("region_path", NpgsqlDbType.Varchar), new("responses", NpgsqlDbType.Integer)],
            gapReports.Select(g => (object?[])[g.Key.Village, g.Key.Category, g.Key.Path, g.Value]), cancellationToken);
        var responseGapCount = gapReports.Values.Sum();
        await connection.ExecuteAsync(new CommandDefinition(factory.Dialect.Render("""
            INSERT INTO surveys_response_tally (village_id, campaign_id, month, block_id, district_id, state_id, country_id, responses)
            SELECT r.village_id, r.campaign_id, {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id, COUNT(*)
            FROM surveys_response r GROUP BY r.village_id, r.campaign_id, {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id
            """), commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO surveys_campaign_tally (village_id, campaign_id, block_id, district_id, state_id, country_id, responses)
            SELECT village_id, campaign_id, block_id, district_id, state_id, country_id, SUM(responses) FROM surveys_response_tally
            GROUP BY village_id, campaign_id, block_id, district_id, state_id, country_id
            """, commandTimeout: 600, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO surveys_district_tally (district_id, campaign_id, month, state_id, country_id, responses)
            SELECT district_id, campaign_id, month, state_id, country_id, SUM(responses) FROM surveys_response_tally
            GROUP BY district_id, campaign_id, month, state_id, country_id
            """, commandTimeout: 600, cancellationToken: cancellationToken));
        log($"seeded {responseCount:N0} responses reporting {responseGapCount:N0} missing services");

        // Gaps: a tracked gap for about a quarter of the village × category pairs, in every state of the lifecycle.
        var gapRows = villages.SelectMany(v => Categories.Where(_ => random.Bool(0.25f)).Select(category => (object?[])[
            Guid.CreateVersion7(), category, .. AncestryOf(v), States[random.Number(States.Length - 1)], "rule", null, today.AddDays(random.Number(-20, 90)),
            otherWorker, now.AddDays(-random.Number(700)), now, 1])).ToList();
        var gapCount = await BulkWriter.WriteAsync(connection, "surveys_gap",
        [
            new("id", NpgsqlDbType.Uuid), new("category", NpgsqlDbType.Varchar), .. Ancestry, new("state", NpgsqlDbType.Varchar), new("origin", NpgsqlDbType.Varchar),
            new("owner_id", NpgsqlDbType.Uuid), new("due_on", NpgsqlDbType.Date), new("reported_by", NpgsqlDbType.Uuid), new("reported_at", NpgsqlDbType.TimestampTz),
            new("updated_at", NpgsqlDbType.TimestampTz), new("version", NpgsqlDbType.Integer),
        ], gapRows, cancellationToken);
        log($"seeded {gapCount:N0} gaps");

        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: CommandType.Text, cancellationToken: cancellationToken));
        return new WorkloadSeed(managerId, personCount, visitCount, followUpCount, responseCount, responseGapCount, gapCount, searchTerm ?? "a", Stopwatch.GetElapsedTime(started));
    }
}

public sealed record WorkloadResult(string Name, string Caller, LoadResult Full, LoadResult? Bare);

/// <summary>Caseload, people search and the gap dashboard under load, each next to the same SQL as a bare Dapper endpoint where one exists.</summary>
public static class WorkloadRunner
{
    public static async Task<IReadOnlyList<WorkloadResult>> RunAsync(
        HttpClient http, Uri bareBase, Guid workerId, string workerToken, WorkloadSeed seed, string managerToken, int clients, LoadSettings settings,
        Action<string> log, CancellationToken cancellationToken)
    {
        var term = Uri.EscapeDataString(seed.SearchTerm);
        (string Name, string Caller, string Token, string Full, string? Bare)[] workloads =
        [
            ("Caseload (worker)", "worker", workerToken, "/api/v1/caseload?page=1&pageSize=50", $"/bench/bare/caseload?userId={workerId}&page=1"),
            ($"People search \"{seed.SearchTerm}\" (worker)", "worker", workerToken, $"/api/v1/people?text={term}&pageSize=50", $"/bench/bare/people?userId={workerId}&text={term}"),
            ("Gap counts by district (manager)", "manager", managerToken, "/api/v1/gaps/counts?level=District", $"/bench/bare/gaps/counts?userId={seed.ManagerId}&level=District"),
            ("Responses by campaign (manager)", "manager", managerToken, "/api/v1/responses/counts/by-campaign", $"/bench/bare/responses/by-campaign?userId={seed.ManagerId}"),
            ("Responses by month (manager)", "manager", managerToken, "/api/v1/responses/counts/by-month", null),
            ("Open gaps, first page (manager)", "manager", managerToken, "/api/v1/gaps?pageSize=50", null),
        ];
        var results = new List<WorkloadResult>();
        foreach (var (name, caller, token, fullUrl, bareUrl) in workloads)
        {
            var full = new Endpoint(Report.Full, "full stack", _ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fullUrl, UriKind.Relative));
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return request;
            });
            var bare = bareUrl is null ? null : new Endpoint(Report.Bare, "bare Dapper", _ => new HttpRequestMessage(HttpMethod.Get, new Uri(bareBase, bareUrl)));
            using (var check = full.Request(0))
            using (var response = await http.SendAsync(check, cancellationToken))
            {
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: {fullUrl} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            LoadResult? bareResult = null;
            if (bare is not null)
            {
                await LoadRunner.RunAsync(http, bare, clients, settings.Warmup, settings.MaxRequests, cancellationToken);
                bareResult = await LoadRunner.RunAsync(http, bare, clients, settings.Duration, settings.MaxRequests, cancellationToken);
            }
            await LoadRunner.RunAsync(http, full, clients, settings.Warmup, settings.MaxRequests, cancellationToken);
            var fullResult = await LoadRunner.RunAsync(http, full, clients, settings.Duration, settings.MaxRequests, cancellationToken);
            results.Add(new WorkloadResult(name, caller, fullResult, bareResult));
            log($"{name,-40}: full {fullResult.RequestsPerSecond,6:0} req/s p95 {fullResult.P95,6:0.0} ms errors {fullResult.Errors}"
                + (bareResult is null ? "" : $" | bare {bareResult.RequestsPerSecond,6:0} req/s p95 {bareResult.P95,6:0.0} ms | ratio {fullResult.RequestsPerSecond / bareResult.RequestsPerSecond:0.00}"));
        }
        return results;
    }

    public static string Markdown(string provider, WorkloadSeed seed, int clients, LoadSettings settings, IReadOnlyList<WorkloadResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Workloads at scale, {provider}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{seed.People:N0} people, {seed.Visits:N0} visits, {seed.FollowUps:N0} follow-ups, {seed.Responses:N0} survey responses ({seed.ResponseGaps:N0} reporting a missing service), {seed.Gaps:N0} gaps; seeded in {seed.Elapsed.TotalSeconds:0} s. "
            + $"{clients} concurrent clients, {settings.Duration.TotalSeconds:0} s measured per endpoint after {settings.Warmup.TotalSeconds:0} s warm-up. Target: p95 ≤ 300 ms; full/bare ≥ 0.8.");
        text.AppendLine();
        text.AppendLine("| Endpoint | Full req/s | Full p50 ms | Full p95 ms | Bare req/s | Bare p95 ms | Full/bare | p95 target |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var ratio = r.Bare is null ? "—" : (r.Full.RequestsPerSecond / r.Bare.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Full.RequestsPerSecond:0} | {r.Full.P50:0.0} | {r.Full.P95:0.0} | {(r.Bare is null ? "—" : r.Bare.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture))} | {(r.Bare is null ? "—" : r.Bare.P95.ToString("0.0", CultureInfo.InvariantCulture))} | {ratio} | {(r.Full.P95 <= 300 ? "met" : "missed")} |");
        }
        return text.ToString();
    }
}
