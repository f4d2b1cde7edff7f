using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Cases.FollowUps;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Surveys.Contracts;

namespace Outreach.Bench;

/// <summary>
/// The same SQL as chosen API endpoints as bare Dapper calls, with no pipeline, auth, validation or audit, in a separate
/// process the bench starts (never in the production host), so the report can say what the full stack costs on top of
/// the database. It trusts the user id in the query string: it exists only on loopback for the length of a run.
/// </summary>
public static class BareEndpoints
{
    public const string EnvironmentSwitch = "OUTREACH_BENCH_BARE";

    private const string ScopeSql = """
        SELECT r.path FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id WHERE ur.user_id = @UserId
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.AddSingleton<ConnectionFactory>();
        builder.Services.AddScoped<DbSession>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();

        app.MapGet("/health/live", () => TypedResults.Ok());
        var bare = app.MapGroup("/bench/bare");
        bare.MapGet("/villages", async (Guid userId, int? page, DbSession db, CancellationToken ct) =>
        {
            var (skip, take) = Paging.Window(page ?? 1, 50);
            var args = (await ScopeOf(db, userId, ct)).SqlArgs(db, new { Search = (string?)null, Skip = skip, Take = take });
            var rows = await db.QueryAsync<VillageRow>(ListMyVillagesHandler.PageSql, args, ct);
            var total = rows.Count > 0 ? rows[0].Total : 0;
            return TypedResults.Ok(new Page<VillageListItem>([.. rows.Select(r => r.Item)], (int)total, page ?? 1, take));
        });

        bare.MapGet("/caseload", async (Guid userId, int? page, DbSession db, TimeProvider time, CancellationToken ct) =>
        {
            var (skip, take) = Paging.Window(page ?? 1, 50);
            var args = (await ScopeOf(db, userId, ct)).SqlArgs(db, new { CallerId = userId, Skip = skip, Take = take });
            var items = await db.QueryAsync<CaseloadItem>(GetCaseloadHandler.PageSql, args, ct);
            var total = await db.ExecuteScalarAsync<long>(GetCaseloadHandler.CountSql, args, ct);
            var today = time.Today();
            return TypedResults.Ok(new Page<CaseloadItem>([.. items.Select(i => i with { IsOverdue = i.NextFollowUpOn < today })], (int)total, page ?? 1, take));
        });

        bare.MapGet("/people", async (Guid userId, string text, DbSession db, CancellationToken ct) =>
        {
            var (skip, take) = Paging.Window(1, 50);
            var args = (await ScopeOf(db, userId, ct)).SqlArgs(db, new
            {
                Text = Like.Containing(text),
                KeyAtStart = NameKey.Pattern(text, atStart: true),
                KeyInside = NameKey.Pattern(text, atStart: false),
                VillageId = (Guid?)null,
                WorkerId = (Guid?)null,
                Skip = skip,
                Take = take,
            });
            var items = await db.QueryAsync<PersonListItem>(SearchPeopleHandler.PageSql, args, ct);
            var total = await db.ExecuteScalarAsync<long>(SearchPeopleHandler.CountSql, args, ct);
            return TypedResults.Ok(new Page<PersonListItem>(items, (int)total, 1, take));
        });

        var countGapsSql = SurveysSql("Outreach.Surveys.Aggregates.CountGapsHandler");
        bare.MapGet("/gaps/counts", async (Guid userId, RegionLevel level, DbSession db, CancellationToken ct) =>
        {
            var args = (await ScopeOf(db, userId, ct)).SqlArgs(db, new { Level = (int)level, Under = (string?)null });
            return TypedResults.Ok(await db.QueryAsync<GapCount>(countGapsSql, args, ct));
        });

        var byCampaignSql = SurveysSql("Outreach.Surveys.Aggregates.CountResponsesByCampaignHandler");
        bare.MapGet("/responses/by-campaign", async (Guid userId, DbSession db, CancellationToken ct) =>
            TypedResults.Ok(await db.QueryAsync<ResponseCount>(byCampaignSql, (await ScopeOf(db, userId, ct)).SqlArgs(db, new { }), ct)));

        await app.RunAsync();
        return 0;
    }

    private static async Task<RegionScope> ScopeOf(DbSession db, Guid userId, CancellationToken ct) =>
        new(await db.QueryAsync<string>(ScopeSql, new { UserId = userId }, ct));

    /// <summary>The SQL of a Surveys handler, read from its constant: the bench runs the module's own statement, not a copy.</summary>
    private static string SurveysSql(string handler) =>
        (string)Type.GetType(handler + ", Outreach.Surveys", throwOnError: true)!
            .GetField("Sql", BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Public)!.GetRawConstantValue()!;

    private sealed record VillageRow
    {
        public required Guid Id { get; init; }
        public required string Name { get; init; }
        public string? LocalName { get; init; }
        public required string BlockName { get; init; }
        public required string DistrictName { get; init; }
        public required long Total { get; init; }

        public VillageListItem Item => new() { Id = Id, Name = Name, LocalName = LocalName, BlockName = BlockName, DistrictName = DistrictName };
    }
}
