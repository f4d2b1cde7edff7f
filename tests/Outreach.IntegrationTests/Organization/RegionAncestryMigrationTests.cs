using Dapper;
using Microsoft.Extensions.Options;
using Outreach.Db;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Organization;

/// <summary>
/// A tree stored before regions kept their ancestry ids gets them from its parents when the database is upgraded, and
/// an assignment gets those of its region.
/// </summary>
public abstract class RegionAncestryMigrationTests<TDatabase> where TDatabase : TestDatabase, new()
{
    private const long LastVersionWithoutAncestry = 2026_12_01_0201;

    private sealed record Ancestry
    {
        public required Guid Id { get; init; }
        public Guid? CountryId { get; init; }
        public Guid? StateId { get; init; }
        public Guid? DistrictId { get; init; }
        public Guid? BlockId { get; init; }
    }

    [Fact]
    public async Task Upgrading_fills_every_regions_ancestry_from_its_parents()
    {
        await using var database = new TDatabase();
        await database.CreateAsync();
        database.RequireAvailable();
        Migrations.MigrateUp(database.Provider, database.ConnectionString, LastVersionWithoutAncestry);

        var ids = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        var userId = Guid.CreateVersion7();
        using var factory = new ConnectionFactory(Options.Create(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString }));
        await using (var session = StandaloneSession.Open(factory))
        {
            for (var level = 1; level <= 5; level++)
            {
                var path = "/" + string.Concat(ids.Take(level).Select(id => id.ToString("N") + "/"));
                await session.ExecuteAsync("""
                    INSERT INTO org_region (id, parent_id, level, name, local_name, path, version, created_at, updated_at)
                    VALUES (@Id, @ParentId, @Level, @Name, NULL, @Path, 1, @Now, @Now)
                    """, new { Id = ids[level - 1], ParentId = level == 1 ? (Guid?)null : ids[level - 2], Level = (short)level, Name = $"Level {level}", Path = path, Now = DateTimeOffset.UtcNow });
            }
            await session.ExecuteAsync("""
                INSERT INTO org_user (id, username, normalized_username, display_name, role, password_hash, is_active, failed_sign_ins, locked_until, version, created_at, updated_at)
                VALUES (@Id, 'worker', 'WORKER', 'Worker', 'OutreachWorker', 'x', {true}, 0, NULL, 1, @Now, @Now)
                """, new { Id = userId, Now = DateTimeOffset.UtcNow });
            await session.ExecuteAsync("INSERT INTO org_user_region (user_id, region_id, assigned_at) VALUES (@UserId, @RegionId, @Now)",
                new { UserId = userId, RegionId = ids[3], Now = DateTimeOffset.UtcNow });
        }

        Migrations.MigrateUp(database.Provider, database.ConnectionString);

        await using var upgraded = StandaloneSession.Open(factory);
        var rows = await upgraded.QueryAsync<Ancestry>("SELECT id, country_id, state_id, district_id, block_id FROM org_region ORDER BY level");
        Guid? At(int level, int rowLevel) => level <= rowLevel ? ids[level - 1] : null;
        Assert.Equal(
            Enumerable.Range(1, 5).Select(l => new Ancestry { Id = ids[l - 1], CountryId = At(1, l), StateId = At(2, l), DistrictId = At(3, l), BlockId = At(4, l) }),
            rows);

        var assignment = await upgraded.QuerySingleOrDefaultAsync<Ancestry>(
            "SELECT region_id AS id, country_id, state_id, district_id, block_id FROM org_user_region WHERE user_id = @UserId", new { UserId = userId });
        Assert.Equal(new Ancestry { Id = ids[3], CountryId = ids[0], StateId = ids[1], DistrictId = ids[2], BlockId = ids[3] }, assignment);
    }
}

public sealed class SqliteRegionAncestryMigrationTests : RegionAncestryMigrationTests<SqliteTestDatabase>;

public sealed class PostgresRegionAncestryMigrationTests : RegionAncestryMigrationTests<PostgresTestDatabase>;
