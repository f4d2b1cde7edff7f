using System.Runtime.InteropServices;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;

namespace Outreach.Surveys.Responses;

/// <summary>Where and when one response counts, and the gap categories it reports.</summary>
internal sealed record TallyEntry(string RegionPath, Guid? CampaignId, DateOnly CollectedOn, IReadOnlyList<string> Gaps);

/// <summary>The gap categories a response reports, as its <c>gap_categories</c> column holds them: "|clinic|counselling|", or null for none.</summary>
internal static class ReportedGaps
{
    public static string? Column(IReadOnlyList<string> categories) => categories.Count == 0 ? null : $"|{string.Join('|', categories)}|";

    public static IReadOnlyList<string> Parse(string? column) => column?.Split('|', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>A LIKE pattern for responses reporting <paramref name="category"/> (categories are lowercase words and hyphens, so nothing to escape).</summary>
    public static string Like(string category) => $"%|{category}|%";
}

/// <summary>Responses to count into the tallies, summed as they are added, so a large batch holds one entry per tally row.</summary>
internal sealed class TallyCounter
{
    // Villages are numbered as they come, so each response hashes its (long) region path once, not once per tally.
    private readonly Dictionary<string, int> villageNumbers = new(StringComparer.Ordinal);
    private readonly List<(string Path, string DistrictPath)> villages = [];
    private readonly Dictionary<(int Village, Guid CampaignId, int Month), int> months = [];
    private readonly Dictionary<(int Village, Guid CampaignId), int> campaigns = [];
    private readonly Dictionary<(int Village, string Category), int> gaps = [];

    public void Add(TallyEntry entry)
    {
        if (!villageNumbers.TryGetValue(entry.RegionPath, out var village))
        {
            villageNumbers[entry.RegionPath] = village = villages.Count;
            // The district's own path: the first three ids of a village's path.
            villages.Add((entry.RegionPath, "/" + string.Join('/', entry.RegionPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(3)) + "/"));
        }
        var campaignId = entry.CampaignId ?? Guid.Empty;
        Increment(months, (village, campaignId, entry.CollectedOn.Year * 100 + entry.CollectedOn.Month));
        Increment(campaigns, (village, campaignId));
        foreach (var category in entry.Gaps) Increment(gaps, (village, category));
    }

    public IEnumerable<(string RegionPath, Guid CampaignId, int Month, int Responses)> Months =>
        months.Select(m => (villages[m.Key.Village].Path, m.Key.CampaignId, m.Key.Month, m.Value));

    public IEnumerable<(string DistrictPath, Guid CampaignId, int Month, int Responses)> Districts =>
        months.GroupBy(m => (villages[m.Key.Village].DistrictPath, m.Key.CampaignId, m.Key.Month))
            .Select(g => (g.Key.DistrictPath, g.Key.CampaignId, g.Key.Month, g.Sum(m => m.Value)));

    public IEnumerable<(string RegionPath, Guid CampaignId, int Responses)> Campaigns =>
        campaigns.Select(c => (villages[c.Key.Village].Path, c.Key.CampaignId, c.Value));

    public IEnumerable<(string RegionPath, string Category, int Responses)> Gaps =>
        gaps.Select(g => (villages[g.Key.Village].Path, g.Key.Category, g.Value));

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull => CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
}

/// <summary>
/// Responses counted per village, campaign and month, per district, campaign and month, per village and campaign, and gap
/// reports per village and category, so dashboards and the gap rule read these rows instead of every response. Whoever
/// stores or changes responses counts them in (+1) or out (−1) here, in the same transaction, grouped first so a batch
/// touches each tally row once.
/// </summary>
internal static class ResponseTally
{
    // Counters are added to by the dialect's upsert (ON CONFLICT, or MERGE WITH (HOLDLOCK) on SQL Server), so two
    // transactions counting the same new row never both insert it.
    private static readonly string[] Added = ["responses"];

    private static readonly string[] MonthKeys = ["village_id", "campaign_id", "month"];
    private static readonly string[] MonthColumns = ["village_id", "campaign_id", "month", "block_id", "district_id", "state_id", "country_id", "responses"];
    private static readonly string[] DistrictKeys = ["district_id", "campaign_id", "month"];
    private static readonly string[] DistrictColumns = ["district_id", "campaign_id", "month", "state_id", "country_id", "responses"];
    private static readonly string[] CampaignKeys = ["village_id", "campaign_id"];
    private static readonly string[] CampaignColumns = ["village_id", "campaign_id", "block_id", "district_id", "state_id", "country_id", "responses"];
    private static readonly string[] GapKeys = ["village_id", "category"];
    private static readonly string[] GapColumns = ["village_id", "category", "region_path", "responses"];

    // PostgreSQL takes a batch's counts as arrays, one statement per tally; an import's batch touches hundreds of villages,
    // and a statement per village was a quarter of its time. PostgreSQL-only, so not const (consts are parsed as T-SQL).
    private static readonly string UpsertMonthsSql = """
        INSERT INTO surveys_response_tally AS t (village_id, campaign_id, month, block_id, district_id, state_id, country_id, responses)
        SELECT * FROM unnest(@VillageIds, @CampaignIds, @Months, @BlockIds, @DistrictIds, @StateIds, @CountryIds, @Deltas)
        ON CONFLICT (village_id, campaign_id, month) DO UPDATE SET responses = t.responses + excluded.responses
        """;

    private static readonly string UpsertDistrictsSql = """
        INSERT INTO surveys_district_tally AS t (district_id, campaign_id, month, state_id, country_id, responses)
        SELECT * FROM unnest(@DistrictIds, @CampaignIds, @Months, @StateIds, @CountryIds, @Deltas)
        ON CONFLICT (district_id, campaign_id, month) DO UPDATE SET responses = t.responses + excluded.responses
        """;

    private static readonly string UpsertCampaignsSql = """
        INSERT INTO surveys_campaign_tally AS t (village_id, campaign_id, block_id, district_id, state_id, country_id, responses)
        SELECT * FROM unnest(@VillageIds, @CampaignIds, @BlockIds, @DistrictIds, @StateIds, @CountryIds, @Deltas)
        ON CONFLICT (village_id, campaign_id) DO UPDATE SET responses = t.responses + excluded.responses
        """;

    private static readonly string UpsertGapsSql = """
        INSERT INTO surveys_gap_tally AS t (village_id, category, region_path, responses)
        SELECT * FROM unnest(@VillageIds, @Categories, @RegionPaths, @Deltas)
        ON CONFLICT (village_id, category) DO UPDATE SET responses = t.responses + excluded.responses
        """;

    private sealed record Count(string RegionPath, Guid CampaignId, string? Month, int Delta);

    private sealed record GapCount(string RegionPath, string Category, int Delta);

    public static Task CountAsync(DbSession db, IEnumerable<TallyEntry> entries, int sign, CancellationToken cancellationToken)
    {
        var counter = new TallyCounter();
        foreach (var entry in entries) counter.Add(entry);
        return CountAsync(db, counter, sign, cancellationToken);
    }

    public static async Task CountAsync(DbSession db, TallyCounter counter, int sign, CancellationToken cancellationToken)
    {
        var months = counter.Months.Select(c => new Count(c.RegionPath, c.CampaignId, MonthOf(c.Month), sign * c.Responses)).ToList();
        var districts = counter.Districts.Select(c => new Count(c.DistrictPath, c.CampaignId, MonthOf(c.Month), sign * c.Responses)).ToList();
        var campaigns = counter.Campaigns.Select(c => new Count(c.RegionPath, c.CampaignId, null, sign * c.Responses)).ToList();
        var gaps = counter.Gaps.Select(c => new GapCount(c.RegionPath, c.Category, sign * c.Responses)).ToList();
        if (months.Count == 0) return;
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.ExecuteAsync(UpsertMonthsSql, Arrays(months), cancellationToken);
            await db.ExecuteAsync(UpsertDistrictsSql, Arrays(districts), cancellationToken);
            await db.ExecuteAsync(UpsertCampaignsSql, Arrays(campaigns), cancellationToken);
            if (gaps.Count > 0) await db.ExecuteAsync(UpsertGapsSql, GapArrays(gaps), cancellationToken);
            return;
        }
        var dialect = db.Dialect;
        var (monthSql, districtSql) = (dialect.Upsert("surveys_response_tally", MonthKeys, MonthColumns, Added), dialect.Upsert("surveys_district_tally", DistrictKeys, DistrictColumns, Added));
        var (campaignSql, gapSql) = (dialect.Upsert("surveys_campaign_tally", CampaignKeys, CampaignColumns, Added), dialect.Upsert("surveys_gap_tally", GapKeys, GapColumns, Added));
        foreach (var count in months) await db.ExecuteAsync(monthSql, Args(count, MonthColumns), cancellationToken);
        foreach (var count in districts) await db.ExecuteAsync(districtSql, Args(count, DistrictColumns), cancellationToken);
        foreach (var count in campaigns) await db.ExecuteAsync(campaignSql, Args(count, CampaignColumns), cancellationToken);
        foreach (var gap in gaps)
        {
            var args = new Dictionary<string, object?>
            {
                ["village_id"] = VillageOf(gap.RegionPath), ["category"] = gap.Category, ["region_path"] = gap.RegionPath, ["responses"] = gap.Delta,
            };
            await db.ExecuteAsync(gapSql, args, cancellationToken);
        }
    }

    private static string MonthOf(int yearMonth) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{yearMonth / 100:0000}-{yearMonth % 100:00}");

    private static Guid VillageOf(string villagePath) => RegionAncestry.FromPath(villagePath).VillageId!.Value;

    /// <summary>A count's values named as its tally's columns (the upsert's parameters), for the columns that tally has.</summary>
    private static Dictionary<string, object?> Args(Count count, string[] columns)
    {
        var a = RegionAncestry.FromPath(count.RegionPath);
        var all = new Dictionary<string, object?>
        {
            ["village_id"] = a.VillageId, ["block_id"] = a.BlockId, ["district_id"] = a.DistrictId, ["state_id"] = a.StateId, ["country_id"] = a.CountryId,
            ["campaign_id"] = count.CampaignId, ["month"] = count.Month, ["responses"] = count.Delta,
        };
        return columns.ToDictionary(c => c, c => all[c]);
    }

    private static object Arrays(List<Count> counts)
    {
        var ancestry = counts.Select(c => RegionAncestry.FromPath(c.RegionPath)).ToList();
        Guid[] Ids(Func<RegionAncestry, Guid?> level) => [.. ancestry.Select(a => level(a) ?? Guid.Empty)];
        return new
        {
            VillageIds = Ids(a => a.VillageId), BlockIds = Ids(a => a.BlockId), DistrictIds = Ids(a => a.DistrictId), StateIds = Ids(a => a.StateId),
            CountryIds = Ids(a => a.CountryId), CampaignIds = counts.Select(c => c.CampaignId).ToArray(), Months = counts.Select(c => c.Month ?? "").ToArray(),
            Deltas = counts.Select(c => c.Delta).ToArray(),
        };
    }

    private static object GapArrays(List<GapCount> gaps) => new
    {
        VillageIds = gaps.Select(g => VillageOf(g.RegionPath)).ToArray(), Categories = gaps.Select(g => g.Category).ToArray(),
        RegionPaths = gaps.Select(g => g.RegionPath).ToArray(), Deltas = gaps.Select(g => g.Delta).ToArray(),
    };
}
