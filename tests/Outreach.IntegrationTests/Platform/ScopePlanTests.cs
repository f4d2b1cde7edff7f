using System.Reflection;
using Microsoft.Extensions.Options;
using Outreach.Cases.People;
using Outreach.Db;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Organization;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Organization.Users;
using Outreach.Shared.Data;
using Outreach.Surveys.Gaps;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// A country-sized tree in miniature (40 districts of 300 villages, people and gaps in every village, 10,000 users),
/// written in the order an NGO creates it and analysed, then the scoped lists' own SQL is explained for a caller
/// assigned one district: the plan must reach the rows through an index, never by reading the whole table.
/// </summary>
public abstract class ScopePlanTests<TDatabase>(ScopePlanDatabase<TDatabase> tree) where TDatabase : TestDatabase, new()
{
    private DbSession Db => tree.Session;

    private object DistrictArgs(object values) => new RegionScope([tree.DistrictPath]).SqlArgs(Db, values);

    private static string PrivateSql<THandler>(string name) =>
        (string)typeof(THandler).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    [Fact]
    public async Task The_village_list_reads_only_the_callers_district()
    {
        var plan = await tree.Explain(ListMyVillagesHandler.PageSql, DistrictArgs(new { Search = (string?)null, Skip = 0, Take = 50 }));
        tree.AssertIndexed(plan, "org_region", "r");
        tree.AssertScopedByDistrictIndex(plan, "r");
        Assert.DoesNotContain("ix_org_region_level_name", plan);
    }

    [Fact]
    public async Task A_village_search_reads_only_the_callers_district()
    {
        var plan = await tree.Explain(ListMyVillagesHandler.CountSql, DistrictArgs(new { Search = "%pur%" }));
        tree.AssertIndexed(plan, "org_region", "r");
        tree.AssertScopedByDistrictIndex(plan, "r");
    }

    [Fact]
    public async Task Region_lookups_read_the_region_and_its_own_ancestors()
    {
        var found = await tree.Explain(Scope.FindRegionSql, new { Id = tree.VillageId, CallerId = tree.WorkerId });
        tree.AssertIndexed(found, "org_region", "r");

        var ancestors = await tree.Explain(GetRegionHandler.AncestorsSql, new
        {
            CountryId = (Guid?)tree.CountryId, StateId = (Guid?)null, DistrictId = (Guid?)tree.DistrictId, BlockId = (Guid?)null, Id = tree.VillageId,
        });
        tree.AssertIndexed(ancestors, "org_region", "a");

        var children = await tree.Explain(ListRegionsHandler.ChildrenSql, new { ParentId = tree.DistrictId });
        tree.AssertIndexed(children, "org_region", "r");
    }

    [Fact]
    public async Task A_subtree_and_its_counts_read_only_that_subtree()
    {
        foreach (var plan in new[]
        {
            await tree.Explain(GetRegionSubtreeHandler.Sql, DistrictArgs(new { })),
            await tree.Explain(CountRegionsBelowHandler.Sql, DistrictArgs(new { Id = tree.DistrictId })),
        })
        {
            tree.AssertIndexed(plan, "org_region", "r");
            tree.AssertScopedByDistrictIndex(plan, "r");
        }
    }

    [Fact]
    public async Task The_user_list_reads_only_the_assignments_in_the_callers_district()
    {
        var plan = await tree.Explain(ListUsersHandler.PageSql, DistrictArgs(new { Search = (string?)null, Skip = 0, Take = 50 }));
        Assert.DoesNotContain("org_region", plan);
        tree.AssertIndexed(plan, "org_user_region", "vis_ur");
        tree.AssertScopedByDistrictIndex(plan, "vis_ur");
    }

    [Fact]
    public async Task The_people_list_reads_only_the_callers_district()
    {
        var plan = await tree.Explain(SearchPeopleHandler.PageSql, DistrictArgs(new
        {
            Text = (string?)null, KeyAtStart = (string?)null, KeyInside = (string?)null, VillageId = (Guid?)null, WorkerId = (Guid?)null, Skip = 0, Take = 50,
        }));
        tree.AssertIndexed(plan, "cases_person", "p");
        tree.AssertScopedByDistrictIndex(plan, "p");
    }

    [Fact]
    public async Task The_gap_list_reads_only_the_callers_district()
    {
        var plan = await tree.Explain(PrivateSql<ListGapsHandler>("Sql"), DistrictArgs(new { State = (string?)null, Category = (string?)null, Skip = 0, Take = 50 }));
        tree.AssertIndexed(plan, "surveys_gap", "g");
        tree.AssertScopedByDistrictIndex(plan, "g");
    }
}

public sealed class ScopePlanDatabase<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private const int Districts = 40;
    private const int BlocksPerDistrict = 10;
    private const int VillagesPerBlock = 30;
    private const int Users = 10_000;

    private readonly TDatabase database = new();
    private ConnectionFactory? factory;
    private DbSession? session;

    public DbSession Session => session ?? throw new InvalidOperationException("The database was not created.");
    public Guid CountryId { get; private set; }
    public Guid DistrictId { get; private set; }
    public string DistrictPath { get; private set; } = "";
    public Guid VillageId { get; private set; }
    public Guid WorkerId { get; private set; }

    private sealed record Region(Guid Id, Guid? ParentId, short Level, string Name, string Path, Guid? CountryId, Guid? StateId, Guid? DistrictId, Guid? BlockId)
    {
        public RegionAncestry Ancestry => RegionAncestry.FromPath(Path);
    }

    public async ValueTask InitializeAsync()
    {
        await database.CreateAsync();
        if (database.Unavailable is not null) return;
        Migrations.MigrateUp(database.Provider, database.ConnectionString);
        factory = new ConnectionFactory(Options.Create(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString }));
        session = StandaloneSession.Open(factory);
        await SeedAsync();
    }

    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var regions = new List<Region>();
        Region Add(Region? parent, short level, string name)
        {
            var id = Guid.CreateVersion7();
            var path = (parent?.Path ?? "/") + id.ToString("N") + "/";
            var ancestry = RegionAncestry.FromPath(path);
            var row = new Region(id, parent?.Id, level, name, path, ancestry.CountryId, ancestry.StateId, ancestry.DistrictId, ancestry.BlockId);
            regions.Add(row);
            return row;
        }

        var country = Add(null, 1, "India");
        var states = new[] { Add(country, 2, "Madhya Pradesh"), Add(country, 2, "Bihar") };
        var villages = new List<Region>();
        var blocks = new List<Region>();
        for (var d = 0; d < Districts; d++)
        {
            var district = Add(states[d % states.Length], 3, $"District {d}");
            for (var b = 0; b < BlocksPerDistrict; b++)
            {
                var block = Add(district, 4, $"Block {d}.{b}");
                blocks.Add(block);
                for (var v = 0; v < VillagesPerBlock; v++) villages.Add(Add(block, 5, $"Village {d}.{b}.{v} {(v % 3 == 0 ? "pur" : "gaon")}"));
            }
        }
        CountryId = country.Id;
        var callerDistrict = regions.Single(r => r.Level == 3 && r.Name == "District 7");
        (DistrictId, DistrictPath) = (callerDistrict.Id, callerDistrict.Path);
        VillageId = villages.First(v => v.DistrictId == DistrictId).Id;

        var random = new Random(11);
        var users = Enumerable.Range(0, Users).Select(i => new
        {
            Id = Guid.CreateVersion7(), Username = $"user{i}", Normalized = $"USER{i}", Now = now,
            RegionId = i == 0 ? DistrictId : i % 3 == 0 ? regions.Where(r => r.Level == 3).ElementAt(random.Next(Districts)).Id : blocks[random.Next(blocks.Count)].Id,
        }).ToList();
        WorkerId = users[0].Id;

        var connection = await Session.ConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            async Task Insert(string sql, object rows) =>
                await Dapper.SqlMapper.ExecuteAsync(connection, factory!.Dialect.Render(sql), rows, transaction);

            await Insert("""
                INSERT INTO org_region (id, parent_id, level, name, local_name, path, country_id, state_id, district_id, block_id, version, created_at, updated_at)
                VALUES (@Id, @ParentId, @Level, @Name, NULL, @Path, @CountryId, @StateId, @DistrictId, @BlockId, 1, @Now, @Now)
                """, regions.Select(r => new { r.Id, r.ParentId, r.Level, r.Name, r.Path, r.CountryId, r.StateId, r.DistrictId, r.BlockId, Now = now }));
            await Insert("""
                INSERT INTO org_user (id, username, normalized_username, display_name, role, password_hash, is_active, failed_sign_ins, locked_until, version, created_at, updated_at)
                VALUES (@Id, @Username, @Normalized, @Username, 'Coordinator', 'x', {true}, 0, NULL, 1, @Now, @Now)
                """, users);
            await Insert("""
                INSERT INTO org_user_region (user_id, region_id, assigned_at, country_id, state_id, district_id, block_id)
                SELECT @Id, r.id, @Now, r.country_id, r.state_id, r.district_id, r.block_id FROM org_region r WHERE r.id = @RegionId
                """, users);

            var perVillage = villages.Select((v, i) => new
            {
                Id = Guid.CreateVersion7(), Reference = $"P{i:000000}", VillageId = v.Id, v.Ancestry.BlockId, v.Ancestry.DistrictId, v.Ancestry.StateId,
                v.Ancestry.CountryId, RegionPath = v.Path, WorkerId, Now = now, Family = $"Family {i % 977}", Category = "mental-health",
            }).ToList();
            await Insert("""
                INSERT INTO cases_person (id, reference, given_name, family_name, status, village_id, block_id, district_id, state_id, country_id, region_path,
                                          assigned_worker_id, content_hash, version, created_by, created_at, updated_at)
                VALUES (@Id, @Reference, 'Asha', @Family, 'active', @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath,
                        @WorkerId, 'x', 1, @WorkerId, @Now, @Now)
                """, perVillage);
            await Insert("""
                INSERT INTO surveys_gap (id, category, village_id, block_id, district_id, state_id, country_id, region_path, state, origin,
                                         reported_by, reported_at, updated_at, version)
                VALUES (@Id, @Category, @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, 'reported', 'visit',
                        @WorkerId, @Now, @Now, 1)
                """, perVillage);
            await transaction.CommitAsync();
        }
        // What a live database has: PostgreSQL's autovacuum keeps statistics; the host never analyses a SQLite file.
        if (database.Provider == DatabaseProvider.Postgres) await Dapper.SqlMapper.ExecuteAsync(connection, "ANALYZE", commandType: System.Data.CommandType.Text);
    }

    /// <summary>The plan the database chooses for the statement as a handler sends it, one line per plan node.</summary>
    public async Task<string> Explain(string sql, object args)
    {
        database.RequireAvailable();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var rows = await Session.QueryAsync<SqlitePlanRow>("EXPLAIN QUERY PLAN " + sql, args);
            return string.Join("\n", rows.Select(r => r.Detail));
        }
        return string.Join("\n", await Session.QueryAsync<string>("EXPLAIN " + sql, args));
    }

    public void AssertIndexed(string plan, string table, string alias)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var lines = plan.Split('\n');
            Assert.False(lines.Any(l => l.StartsWith($"SCAN {alias}", StringComparison.Ordinal) || l.StartsWith($"SCAN {table}", StringComparison.Ordinal)), plan);
            Assert.True(lines.Any(l => l.StartsWith($"SEARCH {alias} ", StringComparison.Ordinal) || l.StartsWith($"SEARCH {table} ", StringComparison.Ordinal)), plan);
        }
        else
        {
            Assert.False(plan.Contains($"Seq Scan on {table} ", StringComparison.Ordinal), plan);
            Assert.Contains($" on {table} ", plan);
        }
    }

    /// <summary>
    /// The caller's district is looked up in an index on the rows' district ids (not applied as a filter to rows read
    /// some other way, such as a primary-key scan that happens to stop early on a small table).
    /// </summary>
    public void AssertScopedByDistrictIndex(string plan, string alias)
    {
        var found = database.Provider == DatabaseProvider.Sqlite
            ? plan.Split('\n').Any(l => l.StartsWith($"SEARCH {alias} ", StringComparison.Ordinal) && l.Contains("(district_id=?", StringComparison.Ordinal))
            : System.Text.RegularExpressions.Regex.IsMatch(plan, @"Index Cond: \(+district_id = ANY");
        Assert.True(found, plan);
    }

    private sealed record SqlitePlanRow
    {
        public required string Detail { get; init; }
    }

    public async ValueTask DisposeAsync()
    {
        if (session is not null) await session.DisposeAsync();
        factory?.Dispose();
        await database.DisposeAsync();
    }
}

public sealed class SqliteScopePlanTests(ScopePlanDatabase<SqliteTestDatabase> tree)
    : ScopePlanTests<SqliteTestDatabase>(tree), IClassFixture<ScopePlanDatabase<SqliteTestDatabase>>;

public sealed class PostgresScopePlanTests(ScopePlanDatabase<PostgresTestDatabase> tree)
    : ScopePlanTests<PostgresTestDatabase>(tree), IClassFixture<ScopePlanDatabase<PostgresTestDatabase>>;
