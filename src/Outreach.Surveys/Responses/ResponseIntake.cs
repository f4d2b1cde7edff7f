using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Responses;

/// <summary>A response as a client sends it; <see cref="Id"/> is the client's own UUID, stable across retries.</summary>
public sealed record ResponseSubmission
{
    public required Guid Id { get; init; }
    public required Guid TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public Guid? CampaignId { get; init; }
    public required Guid VillageId { get; init; }
    public required DateOnly CollectedOn { get; init; }
    public decimal? Latitude { get; init; }
    public decimal? Longitude { get; init; }
    public required IReadOnlyDictionary<string, JsonElement> Answers { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<IntakeStatus>))]
public enum IntakeStatus
{
    /// <summary>Stored now.</summary>
    Created,

    /// <summary>The same response was already stored: a replay, nothing changed.</summary>
    Unchanged,

    /// <summary>A different response was already stored under this id; this one is kept as a conflict for a coordinator.</summary>
    Conflict,

    /// <summary>Not stored; <see cref="IntakeResult.Errors"/> says why.</summary>
    Rejected,
}

public sealed record IntakeResult(Guid Id, IntakeStatus Status, IReadOnlyDictionary<string, string>? Errors = null, Guid? ConflictId = null);

/// <summary>A checked response, ready to store: its canonical content and hash, or why it cannot be stored.</summary>
internal sealed record PreparedResponse(
    ResponseSubmission Submission, AnswerSheet? Sheet, RegionSummary? Village, string Canonical, string Hash, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Where every response enters, whatever carried it (form, API, offline batch, import). Same id and same content is a
/// no-op; same id and different content never overwrites: the newcomer is stored as a conflict, once per distinct body.
/// </summary>
internal sealed class ResponseIntake(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
{
    private readonly Dictionary<(Guid, int), SurveyVersion?> versions = [];
    private readonly Dictionary<Guid, RegionSummary?> villages = [];
    private readonly Dictionary<Guid, CampaignRow?> campaigns = [];

    private const string ExistingSql = "SELECT content_hash FROM surveys_response WHERE id = @Id";

    private const string InsertSql = """
        INSERT INTO surveys_response (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id,
            country_id, region_path, collected_on, latitude, longitude, answers, content_hash, source, import_id, submitted_by, received_at)
        VALUES (@Id, @TemplateId, @TemplateVersion, @CampaignId, @VillageId, @BlockId, @DistrictId, @StateId,
            @CountryId, @RegionPath, @CollectedOn, @Latitude, @Longitude, @Answers, @ContentHash, @Source, @ImportId, @CallerId, @Now)
        """;

    internal const string InsertGapSql = """
        INSERT INTO surveys_response_gap (response_id, category, village_id, collected_on) VALUES (@ResponseId, @Category, @VillageId, @CollectedOn)
        """;

    private const string InsertConflictSql = """
        INSERT INTO surveys_sync_conflict (id, response_id, submitted, content_hash, submitted_by, received_at, status)
        SELECT @Id, @ResponseId, @Submitted, @ContentHash, @CallerId, @Now, 'open'
        WHERE NOT EXISTS (SELECT 1 FROM surveys_sync_conflict WHERE response_id = @ResponseId AND content_hash = @ContentHash)
        """;

    private const string ConflictIdSql = "SELECT id FROM surveys_sync_conflict WHERE response_id = @ResponseId AND content_hash = @ContentHash";

    private const string CampaignSql = """
        SELECT template_id AS TemplateId, starts_on AS StartsOn, ends_on AS EndsOn FROM surveys_campaign WHERE id = @Id
        """;

    private const string CampaignRegionsSql = "SELECT region_path FROM surveys_campaign_region WHERE campaign_id = @Id";

    private sealed record CampaignRow
    {
        public required Guid TemplateId { get; init; }
        public required DateOnly StartsOn { get; init; }
        public required DateOnly EndsOn { get; init; }
        public IReadOnlyList<string> RegionPaths { get; init; } = [];
    }

    public async Task<IntakeResult> AcceptAsync(ResponseSubmission submission, string source, Guid? importId, CancellationToken cancellationToken) =>
        await StoreAsync(await PrepareAsync(submission, null, cancellationToken), source, importId, cancellationToken);

    /// <summary>
    /// Every check a response must pass, and its canonical content and hash; nothing is written. Imports pass the cells as
    /// <paramref name="textAnswers"/> (read by <see cref="QuestionRules.FromText"/>) instead of JSON answers.
    /// </summary>
    internal async Task<PreparedResponse> PrepareAsync(ResponseSubmission submission, IReadOnlyDictionary<string, string?>? textAnswers, CancellationToken cancellationToken)
    {
        var (sheet, village, errors) = await CheckAsync(submission, textAnswers, cancellationToken);
        if (errors.Count > 0) return new PreparedResponse(submission, null, null, "", "", errors);
        var canonical = Canonical(submission, sheet!).ToJsonString();
        return new PreparedResponse(submission, sheet, village, canonical, HashOf(canonical), errors);
    }

    /// <summary>Villages the caller is already known to work in, so a batch does not ask Organization once per village.</summary>
    internal void Remember(IEnumerable<RegionSummary> inScope)
    {
        foreach (var village in inScope) villages[village.Id] = village;
    }

    internal async Task<IntakeResult> StoreAsync(PreparedResponse prepared, string source, Guid? importId, CancellationToken cancellationToken)
    {
        var submission = prepared.Submission;
        if (!prepared.IsValid) return new IntakeResult(submission.Id, IntakeStatus.Rejected, prepared.Errors);

        var stored = await db.QuerySingleOrDefaultAsync<string>(ExistingSql, new { submission.Id }, cancellationToken);
        if (stored == prepared.Hash) return new IntakeResult(submission.Id, IntakeStatus.Unchanged);
        if (stored is not null) return await StoreConflictAsync(prepared, cancellationToken);

        var now = time.GetUtcNow();
        var (sheet, village) = (prepared.Sheet!, prepared.Village!);
        var ancestry = RegionAncestry.FromPath(village.Path);
        await db.ExecuteAsync(InsertSql, new
        {
            submission.Id, submission.TemplateId, submission.TemplateVersion, submission.CampaignId,
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId, RegionPath = village.Path,
            submission.CollectedOn, submission.Latitude, submission.Longitude, Answers = sheet.ToJson(), ContentHash = prepared.Hash,
            Source = source, ImportId = importId, CallerId = caller.UserId, Now = now,
        }, cancellationToken);
        foreach (var category in sheet.Gaps)
        {
            await db.ExecuteAsync(InsertGapSql, new { ResponseId = submission.Id, Category = category, VillageId = village.Id, submission.CollectedOn }, cancellationToken);
        }
        await ResponseTally.CountAsync(db, [new TallyEntry(village.Path, submission.CampaignId, submission.CollectedOn)], +1, cancellationToken);
        return new IntakeResult(submission.Id, IntakeStatus.Created);
    }

    /// <summary>A different body under a stored id: kept for a coordinator, once per distinct body.</summary>
    internal async Task<IntakeResult> StoreConflictAsync(PreparedResponse prepared, CancellationToken cancellationToken)
    {
        var conflict = new { Id = NewId.Next(time), ResponseId = prepared.Submission.Id, Submitted = prepared.Canonical, ContentHash = prepared.Hash, CallerId = caller.UserId, Now = time.GetUtcNow() };
        await db.ExecuteAsync(InsertConflictSql, conflict, cancellationToken);
        var conflictId = await db.ExecuteScalarAsync<Guid>(ConflictIdSql, conflict, cancellationToken);
        return new IntakeResult(prepared.Submission.Id, IntakeStatus.Conflict, ConflictId: conflictId);
    }

    internal static string HashOf(string canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));

    /// <summary>The content a response is compared by: everything the worker said, not who sent it or when it arrived.</summary>
    internal static JsonObject Canonical(ResponseSubmission submission, AnswerSheet sheet) => new()
    {
        ["templateId"] = submission.TemplateId,
        ["templateVersion"] = submission.TemplateVersion,
        ["campaignId"] = submission.CampaignId,
        ["villageId"] = submission.VillageId,
        ["collectedOn"] = submission.CollectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["latitude"] = submission.Latitude,
        ["longitude"] = submission.Longitude,
        ["answers"] = sheet.Answers.DeepClone(),
    };

    private async Task<(AnswerSheet? Sheet, RegionSummary? Village, Dictionary<string, string> Errors)> CheckAsync(ResponseSubmission submission, IReadOnlyDictionary<string, string?>? textAnswers, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (submission.Id == Guid.Empty) errors["id"] = "Give the response the id your device generated for it.";
        if (submission.CollectedOn < new DateOnly(2000, 1, 1) || submission.CollectedOn > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddHours(14)))
        {
            errors["collectedOn"] = "The collection date must be a real date, not in the future.";
        }
        if ((submission.Latitude is null) != (submission.Longitude is null)) errors["latitude"] = "Give both latitude and longitude, or neither.";
        else if (submission.Latitude is { } lat && submission.Longitude is { } lon && (lat is < -90 or > 90 || lon is < -180 or > 180 || (lat == 0 && lon == 0)))
        {
            errors["latitude"] = $"{lat}, {lon} is not a usable GPS position.";
        }

        var village = await VillageAsync(submission.VillageId, cancellationToken);
        if (village is null) errors["villageId"] = $"No village with id '{submission.VillageId}' exists in your regions.";

        var version = await VersionAsync(submission.TemplateId, submission.TemplateVersion, cancellationToken);
        if (version is null)
        {
            errors["templateVersion"] = $"Survey '{submission.TemplateId}' has no version {submission.TemplateVersion}.";
            return (null, village, errors);
        }

        if (submission.CampaignId is { } campaignId)
        {
            var campaign = await CampaignAsync(campaignId, cancellationToken);
            if (campaign is null || campaign.TemplateId != submission.TemplateId) errors["campaignId"] = "No campaign with that id runs this survey.";
            else if (submission.CollectedOn < campaign.StartsOn || submission.CollectedOn > campaign.EndsOn)
            {
                errors["collectedOn"] = $"The campaign runs from {campaign.StartsOn:yyyy-MM-dd} to {campaign.EndsOn:yyyy-MM-dd}.";
            }
            else if (village is not null)
            {
                if (!campaign.RegionPaths.Any(path => village.Path.StartsWith(path, StringComparison.Ordinal))) errors["villageId"] = $"{village.Name} is not in this campaign's regions.";
            }
        }

        var sheet = textAnswers is not null ? version.Read(textAnswers) : version.Read(submission.Answers ?? new Dictionary<string, JsonElement>());
        foreach (var (key, message) in sheet.Errors) errors[$"answers.{key}"] = message;
        return (sheet, village, errors);
    }

    private async Task<SurveyVersion?> VersionAsync(Guid templateId, int number, CancellationToken cancellationToken)
    {
        if (!versions.TryGetValue((templateId, number), out var version))
        {
            try
            {
                version = await SurveyVersion.LoadAsync(db, templateId, number, cancellationToken);
            }
            catch (NotFoundProblem)
            {
                version = null;
            }
            versions[(templateId, number)] = version;
        }
        return version;
    }

    /// <summary>A campaign with its regions, read once per request: an import names the same campaign on every row.</summary>
    private async Task<CampaignRow?> CampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        if (!campaigns.TryGetValue(campaignId, out var campaign))
        {
            campaign = await db.QuerySingleOrDefaultAsync<CampaignRow>(CampaignSql, new { Id = campaignId }, cancellationToken);
            if (campaign is not null)
            {
                campaign = campaign with { RegionPaths = await db.QueryAsync<string>(CampaignRegionsSql, new { Id = campaignId }, cancellationToken) };
            }
            campaigns[campaignId] = campaign;
        }
        return campaign;
    }

    private async Task<RegionSummary?> VillageAsync(Guid villageId, CancellationToken cancellationToken)
    {
        if (!villages.TryGetValue(villageId, out var village))
        {
            village = await sender.Send(new FindRegionInScope(villageId), cancellationToken);
            if (village?.Level != RegionLevel.Village) village = null;
            villages[villageId] = village;
        }
        return village;
    }
}
