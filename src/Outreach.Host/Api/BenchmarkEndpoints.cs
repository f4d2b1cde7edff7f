using Outreach.Cases.FollowUps;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Surveys.Aggregates;
using Outreach.Surveys.Contracts;

namespace Outreach.Host.Api;

/// <summary>
/// Only in the Benchmark environment: the same SQL as chosen API endpoints as bare Dapper calls, with no pipeline, auth,
/// validation or audit, so bench/ can report what the full stack costs on top of the database.
/// </summary>
public static class BenchmarkEndpoints
{
    private const string ScopeSql = """
        SELECT r.path FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id WHERE ur.user_id = @UserId
        """;

    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        var bare = app.MapGroup("/bench/bare").ExcludeFromDescription().AllowAnonymous();
        bare.MapGet("/villages", async (Guid userId, int? page, DbSession db, CancellationToken ct) =>
            TypedResults.Ok(await ListMyVillagesHandler.PageAsync(db, userId, new ListMyVillages(null, page ?? 1, 50), ct)));

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

        bare.MapGet("/gaps/counts", async (Guid userId, RegionLevel level, DbSession db, CancellationToken ct) =>
        {
            var args = (await ScopeOf(db, userId, ct)).SqlArgs(db, new { Level = (int)level, Under = (string?)null });
            return TypedResults.Ok(await db.QueryAsync<GapCount>(CountGapsHandler.Sql, args, ct));
        });

        bare.MapGet("/responses/by-campaign", async (Guid userId, DbSession db, CancellationToken ct) =>
            TypedResults.Ok(await db.QueryAsync<ResponseCount>(CountResponsesByCampaignHandler.Sql, (await ScopeOf(db, userId, ct)).SqlArgs(db, new { }), ct)));
        return app;
    }

    private static async Task<RegionScope> ScopeOf(DbSession db, Guid userId, CancellationToken ct) =>
        new(await db.QueryAsync<string>(ScopeSql, new { UserId = userId }, ct));
}
