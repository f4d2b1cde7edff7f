using Outreach.Organization.Regions;
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
        app.MapGet("/bench/bare/villages", async (Guid userId, int? page, DbSession db, CancellationToken ct) =>
            TypedResults.Ok(await ListMyVillagesHandler.PageAsync(db, userId, new ListMyVillages(null, page ?? 1, 50), ct)))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}
