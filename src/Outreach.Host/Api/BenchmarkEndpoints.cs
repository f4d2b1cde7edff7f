using Dapper;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Host.Api;

/// <summary>
/// Only in the Benchmark environment: the village list as a bare Dapper call with the same SQL and no pipeline, auth,
/// validation or audit, so bench/ can report what the full stack costs on top of the database.
/// </summary>
public static class BenchmarkEndpoints
{
    public static WebApplication MapBenchmarkEndpoints(this WebApplication app)
    {
        app.MapGet("/bench/bare/villages", async (Guid userId, int? page, ConnectionFactory factory, CancellationToken ct) =>
        {
            var (skip, take) = Paging.Window(page ?? 1, 50);
            var args = new { CallerId = userId, Search = (string?)null, Skip = skip, Take = take };
            await using var connection = await factory.OpenAsync(ct);
            var items = await connection.QueryAsync<VillageListItem>(new CommandDefinition(factory.Dialect.Render(ListMyVillagesHandler.PageSql), args, cancellationToken: ct));
            var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(factory.Dialect.Render(ListMyVillagesHandler.CountSql), args, cancellationToken: ct));
            return TypedResults.Ok(new Page<VillageListItem>(items.AsList(), (int)total, page ?? 1, take));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }
}
