using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

/// <summary>A checked response, ready to store: its answers as stored, the gaps they report, its canonical content and hash, or why it cannot be stored.</summary>
internal sealed record PreparedResponse(
    ResponseSubmission Submission, RegionSummary? Village, string AnswersJson, IReadOnlyList<string> Gaps, string Hash, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The content the hash is of; only a conflict keeps it, so it is written again when asked for.</summary>
    public string Canonical => Encoding.UTF8.GetString(ResponseIntake.CanonicalUtf8(Submission, AnswersJson));

    public TallyEntry TallyEntry => new(Village!.Path, Submission.CampaignId, Submission.CollectedOn, Gaps);
}

/// <summary>What the intake checks a response against when it names a campaign.</summary>
internal sealed record IntakeCampaign
{
    public required Guid TemplateId { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly EndsOn { get; init; }
    public IReadOnlyList<string> RegionPaths { get; init; } = [];

    private const string Sql = "SELECT template_id AS TemplateId, starts_on AS StartsOn, ends_on AS EndsOn FROM surveys_campaign WHERE id = @Id";

    private const string RegionsSql = "SELECT region_path FROM surveys_campaign_region WHERE campaign_id = @Id";

    public static async Task<IntakeCampaign?> LoadAsync(DbSession db, Guid id, CancellationToken cancellationToken)
    {
        var campaign = await db.QuerySingleOrDefaultAsync<IntakeCampaign>(Sql, new { Id = id }, cancellationToken);
        return campaign is null ? null : campaign with { RegionPaths = await db.QueryAsync<string>(RegionsSql, new { Id = id }, cancellationToken) };
    }
}

/// <summary>
/// Where every response enters, whatever carried it (form, API, offline batch, import). Same id and same content is a
/// no-op; same id and different content never overwrites: the newcomer is stored as a conflict, once per distinct body.
/// </summary>
internal sealed class ResponseIntake(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
{
    private readonly Dictionary<(Guid, int), SurveyVersion?> versions = [];
    private readonly Dictionary<Guid, RegionSummary?> villages = [];
    private readonly Dictionary<Guid, IntakeCampaign?> campaigns = [];

    private const string ExistingSql = "SELECT content_hash FROM surveys_response WHERE id = @Id";

    private const string InsertSql = """
        INSERT INTO surveys_response (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id,
            country_id, region_path, collected_on, latitude, longitude, answers, gap_categories, content_hash, source, import_id, submitted_by, received_at)
        VALUES (@Id, @TemplateId, @TemplateVersion, @CampaignId, @VillageId, @BlockId, @DistrictId, @StateId,
            @CountryId, @RegionPath, @CollectedOn, @Latitude, @Longitude, @Answers, @GapCategories, @ContentHash, @Source, @ImportId, @CallerId, @Now)
        """;

    private const string InsertConflictSql = """
        INSERT INTO surveys_sync_conflict (id, response_id, submitted, content_hash, submitted_by, received_at, status)
        SELECT @Id, @ResponseId, @Submitted, @ContentHash, @CallerId, @Now, 'open'
        WHERE NOT EXISTS (SELECT 1 FROM surveys_sync_conflict WHERE response_id = @ResponseId AND content_hash = @ContentHash)
        """;

    private const string ConflictIdSql = "SELECT id FROM surveys_sync_conflict WHERE response_id = @ResponseId AND content_hash = @ContentHash";

    public async Task<IntakeResult> AcceptAsync(ResponseSubmission submission, string source, Guid? importId, CancellationToken cancellationToken)
    {
        var village = await VillageAsync(submission.VillageId, cancellationToken);
        var version = await VersionAsync(submission.TemplateId, submission.TemplateVersion, cancellationToken);
        var campaign = submission.CampaignId is { } campaignId ? await CampaignAsync(campaignId, cancellationToken) : null;
        return await StoreAsync(Prepare(submission, null, version, village, campaign, LatestCollectionDate(time.GetUtcNow())), source, importId, cancellationToken);
    }

    /// <summary>The latest collection date a response may carry: today anywhere on Earth.</summary>
    internal static DateOnly LatestCollectionDate(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime.AddHours(14));

    /// <summary>
    /// Every check a response must pass, and its canonical content and hash; nothing is read or written, so an import can
    /// run it off the request's thread. The caller looks up the version, village and campaign (null when unknown). Imports
    /// pass the cells as <paramref name="textAnswers"/> (read by <see cref="QuestionRules.FromText"/>) instead of JSON answers.
    /// </summary>
    internal static PreparedResponse Prepare(
        ResponseSubmission submission, IReadOnlyDictionary<string, string?>? textAnswers, SurveyVersion? version, RegionSummary? village, IntakeCampaign? campaign, DateOnly latest)
    {
        var errors = new Dictionary<string, string>(0, StringComparer.Ordinal);
        if (submission.Id == Guid.Empty) errors["id"] = "Give the response the id your device generated for it.";
        if (submission.CollectedOn < new DateOnly(2000, 1, 1) || submission.CollectedOn > latest)
        {
            errors["collectedOn"] = "The collection date must be a real date, not in the future.";
        }
        if ((submission.Latitude is null) != (submission.Longitude is null)) errors["latitude"] = "Give both latitude and longitude, or neither.";
        else if (submission.Latitude is { } lat && submission.Longitude is { } lon && (lat is < -90 or > 90 || lon is < -180 or > 180 || (lat == 0 && lon == 0)))
        {
            errors["latitude"] = $"{lat}, {lon} is not a usable GPS position.";
        }
        if (village is null) errors["villageId"] = $"No village with id '{submission.VillageId}' exists in your regions.";
        if (version is null)
        {
            errors["templateVersion"] = $"Survey '{submission.TemplateId}' has no version {submission.TemplateVersion}.";
            return Rejected(submission, errors);
        }
        if (submission.CampaignId is not null)
        {
            if (campaign is null || campaign.TemplateId != submission.TemplateId) errors["campaignId"] = "No campaign with that id runs this survey.";
            else if (submission.CollectedOn < campaign.StartsOn || submission.CollectedOn > campaign.EndsOn)
            {
                errors["collectedOn"] = $"The campaign runs from {campaign.StartsOn:yyyy-MM-dd} to {campaign.EndsOn:yyyy-MM-dd}.";
            }
            else if (village is not null && !campaign.RegionPaths.Any(path => village.Path.StartsWith(path, StringComparison.Ordinal)))
            {
                errors["villageId"] = $"{village.Name} is not in this campaign's regions.";
            }
        }

        var sheet = textAnswers is not null ? version.Read(textAnswers) : version.Read(submission.Answers ?? new Dictionary<string, JsonElement>());
        foreach (var (key, message) in sheet.Errors) errors[$"answers.{key}"] = message;
        if (errors.Count > 0) return Rejected(submission, errors);
        var (answers, hash) = AnswersAndHash(submission, sheet);
        return new PreparedResponse(submission, village, answers, sheet.Gaps, hash, NoErrors);
    }

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private static PreparedResponse Rejected(ResponseSubmission submission, Dictionary<string, string> errors) => new(submission, null, "", [], "", errors);

    /// <summary>Stores one checked response; an import passes <paramref name="tally"/> to count its batch once at the end instead of per response.</summary>
    internal async Task<IntakeResult> StoreAsync(PreparedResponse prepared, string source, Guid? importId, CancellationToken cancellationToken, TallyCounter? tally = null)
    {
        var submission = prepared.Submission;
        if (!prepared.IsValid) return new IntakeResult(submission.Id, IntakeStatus.Rejected, prepared.Errors);

        var stored = await db.QuerySingleOrDefaultAsync<string>(ExistingSql, new { submission.Id }, cancellationToken);
        if (stored == prepared.Hash) return new IntakeResult(submission.Id, IntakeStatus.Unchanged);
        if (stored is not null) return await StoreConflictAsync(prepared, cancellationToken);

        var now = time.GetUtcNow();
        var village = prepared.Village!;
        var ancestry = RegionAncestry.FromPath(village.Path);
        await db.ExecuteAsync(InsertSql, new
        {
            submission.Id, submission.TemplateId, submission.TemplateVersion, submission.CampaignId,
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId, RegionPath = village.Path,
            submission.CollectedOn, submission.Latitude, submission.Longitude, Answers = prepared.AnswersJson,
            GapCategories = ReportedGaps.Column(prepared.Gaps), ContentHash = prepared.Hash, Source = source, ImportId = importId, CallerId = caller.UserId, Now = now,
        }, cancellationToken);
        if (tally is not null) tally.Add(prepared.TallyEntry);
        else await ResponseTally.CountAsync(db, [prepared.TallyEntry], +1, cancellationToken);
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

    internal static string HashOf(string canonicalJson) => HashOf(Encoding.UTF8.GetBytes(canonicalJson));

    internal static string HashOf(ReadOnlySpan<byte> canonicalUtf8) => Convert.ToHexStringLower(SHA256.HashData(canonicalUtf8));

    /// <summary>
    /// The content a response is compared by: everything the worker said, not who sent it or when it arrived. Written as
    /// UTF-8 JSON in a fixed member order; stored hashes depend on these exact bytes, so the form must never change.
    /// </summary>
    internal static byte[] CanonicalUtf8(ResponseSubmission submission, string answersJson)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + answersJson.Length * 2);
        using var json = new Utf8JsonWriter(buffer);
        WriteCanonicalHead(json, submission);
        json.WriteRawValue(answersJson, skipInputValidation: true);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Json, IncrementalHash Sha256)? hashing;

    /// <summary>
    /// The answers as stored and the hash of the canonical form, from one writing of it into a buffer (and one hasher)
    /// this thread keeps: an import does this for every row, and the answers are the tail of the canonical form.
    /// </summary>
    internal static (string AnswersJson, string Hash) AnswersAndHash(ResponseSubmission submission, AnswerSheet sheet)
    {
        var (buffer, json, sha256) = hashing ??= (new ArrayBufferWriter<byte>(1024), new Utf8JsonWriter(Stream.Null), IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        WriteCanonicalHead(json, submission);
        json.Flush();
        var answersStart = buffer.WrittenCount;
        sheet.WriteTo(json);
        json.Flush();
        var answers = Encoding.UTF8.GetString(buffer.WrittenSpan[answersStart..]);
        json.WriteEndObject();
        json.Flush();
        sha256.AppendData(buffer.WrittenSpan);
        Span<byte> hash = stackalloc byte[32];
        sha256.GetHashAndReset(hash);
        return (answers, Convert.ToHexStringLower(hash));
    }

    /// <summary>The canonical form up to its last member, "answers", whose value the caller writes before closing the object.</summary>
    private static void WriteCanonicalHead(Utf8JsonWriter json, ResponseSubmission submission)
    {
        json.WriteStartObject();
        json.WriteString("templateId", submission.TemplateId);
        json.WriteNumber("templateVersion", submission.TemplateVersion);
        if (submission.CampaignId is { } campaignId) json.WriteString("campaignId", campaignId);
        else json.WriteNull("campaignId");
        json.WriteString("villageId", submission.VillageId);
        json.WriteString("collectedOn", submission.CollectedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (submission.Latitude is { } latitude) json.WriteNumber("latitude", latitude);
        else json.WriteNull("latitude");
        if (submission.Longitude is { } longitude) json.WriteNumber("longitude", longitude);
        else json.WriteNull("longitude");
        json.WritePropertyName("answers");
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

    /// <summary>A campaign with its regions, read once per request: a batch may name the same campaign on every response.</summary>
    private async Task<IntakeCampaign?> CampaignAsync(Guid campaignId, CancellationToken cancellationToken)
    {
        if (!campaigns.TryGetValue(campaignId, out var campaign))
        {
            campaign = await IntakeCampaign.LoadAsync(db, campaignId, cancellationToken);
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
