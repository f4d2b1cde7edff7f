using System.Data;
using System.Diagnostics;
using Bogus;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Bench;

public sealed record SeedPlan(int States, int Districts, int Blocks, int Villages, int Users, int RandomSeed);

public sealed record SeedResult(Guid BenchUserId, Guid BenchDistrictId, int Regions, int Users, int BenchVillages, TimeSpan Elapsed);

/// <summary>
/// A region tree and users written in bulk (binary COPY on PostgreSQL, one prepared insert in one transaction on
/// SQLite), in the shape the app writes them: UUIDv7 ids, materialized paths and the ancestry ids read from them.
/// </summary>
public static class Seeder
{
    public const string BenchUsername = "bench.worker";
    public const string BenchPassword = "Bench-password-2026";

    /// <summary>A coordinator assigned the bench worker's district, for the lists a worker may not read (users).</summary>
    public const string BenchCoordinator = "bench.coordinator";

    private static readonly BulkColumn[] RegionColumns =
    [
        new("id", NpgsqlDbType.Uuid), new("parent_id", NpgsqlDbType.Uuid), new("level", NpgsqlDbType.Smallint), new("name", NpgsqlDbType.Varchar),
        new("local_name", NpgsqlDbType.Varchar), new("path", NpgsqlDbType.Varchar), new("country_id", NpgsqlDbType.Uuid), new("state_id", NpgsqlDbType.Uuid),
        new("district_id", NpgsqlDbType.Uuid), new("block_id", NpgsqlDbType.Uuid), new("version", NpgsqlDbType.Integer),
        new("created_at", NpgsqlDbType.TimestampTz), new("updated_at", NpgsqlDbType.TimestampTz),
    ];

    private static readonly BulkColumn[] UserColumns =
    [
        new("id", NpgsqlDbType.Uuid), new("username", NpgsqlDbType.Varchar), new("normalized_username", NpgsqlDbType.Varchar),
        new("display_name", NpgsqlDbType.Varchar), new("role", NpgsqlDbType.Varchar), new("password_hash", NpgsqlDbType.Varchar),
        new("is_active", NpgsqlDbType.Boolean), new("failed_sign_ins", NpgsqlDbType.Integer), new("version", NpgsqlDbType.Integer),
        new("created_at", NpgsqlDbType.TimestampTz), new("updated_at", NpgsqlDbType.TimestampTz),
    ];

    private static readonly BulkColumn[] AssignmentColumns =
    [
        new("user_id", NpgsqlDbType.Uuid), new("region_id", NpgsqlDbType.Uuid), new("assigned_at", NpgsqlDbType.TimestampTz),
        new("country_id", NpgsqlDbType.Uuid), new("state_id", NpgsqlDbType.Uuid), new("district_id", NpgsqlDbType.Uuid), new("block_id", NpgsqlDbType.Uuid),
    ];

    private static readonly (string Latin, string Local)[] Stems =
    [
        ("Ram", "राम"), ("Sita", "सीता"), ("Shiv", "शिव"), ("Hari", "हरि"), ("Dev", "देव"), ("Chand", "चंद"),
        ("Bhim", "भीम"), ("Gopal", "गोपाल"), ("Kishan", "किशन"), ("Madhav", "माधव"), ("Bhawani", "भवानी"),
        ("Durga", "दुर्गा"), ("Ganesh", "गणेश"), ("Narayan", "नारायण"), ("Mohan", "मोहन"), ("Sohan", "सोहन"),
        ("Keshav", "केशव"), ("Raghu", "रघु"), ("Govind", "गोविंद"), ("Anand", "आनंद"), ("Basant", "बसंत"),
        ("Chandan", "चंदन"), ("Dhan", "धन"), ("Hira", "हीरा"), ("Indra", "इंद्र"), ("Jay", "जय"), ("Kamal", "कमल"),
        ("Lal", "लाल"), ("Moti", "मोती"), ("Nand", "नंद"), ("Param", "परम"), ("Rup", "रूप"), ("Sundar", "सुंदर"),
        ("Tulsi", "तुलसी"), ("Uday", "उदय"), ("Vijay", "विजय"), ("Amar", "अमर"), ("Balram", "बलराम"),
        ("Kalyan", "कल्याण"), ("Pipal", "पीपल"), ("Nim", "नीम"), ("Sonar", "सोनार"), ("Bhairav", "भैरव"),
    ];

    private static readonly (string Latin, string Local)[] Suffixes =
    [
        ("pur", "पुर"), ("pura", "पुरा"), ("gaon", "गांव"), ("khedi", "खेड़ी"), ("nagar", "नगर"), ("garh", "गढ़"),
        ("wadi", "वाड़ी"), ("tola", "टोला"), ("ganj", "गंज"), ("kheda", "खेड़ा"), ("sar", "सर"), ("kot", "कोट"),
        ("dih", "डीह"), ("bari", "बाड़ी"), ("pali", "पाली"), ("mau", "मऊ"), ("puri", "पुरी"), ("patti", "पट्टी"),
    ];

    private static readonly (string Latin, string Local)[] StateNames =
    [
        ("Madhya Pradesh", "मध्य प्रदेश"), ("Uttar Pradesh", "उत्तर प्रदेश"), ("Rajasthan", "राजस्थान"), ("Bihar", "बिहार"),
        ("Chhattisgarh", "छत्तीसगढ़"), ("Jharkhand", "झारखंड"), ("Maharashtra", "महाराष्ट्र"), ("Haryana", "हरियाणा"),
    ];

    private static readonly (string Latin, string Local)[] Qualifiers = [("Khurd", "खुर्द"), ("Kalan", "कलां")];

    public static async Task<SeedResult> SeedAsync(ConnectionFactory factory, SeedPlan plan, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.States, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Districts, plan.States);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Blocks, plan.Districts);
        ArgumentOutOfRangeException.ThrowIfLessThan(plan.Villages, plan.Blocks);

        var started = Stopwatch.GetTimestamp();
        var faker = new Faker("en_IND") { Random = new Randomizer(plan.RandomSeed) };
        var now = DateTimeOffset.UtcNow;
        var regions = new List<RegionRow>(1 + plan.States + plan.Districts + plan.Blocks + plan.Villages);
        var siblingNames = new Dictionary<Guid, HashSet<string>>();

        RegionRow Add(RegionRow? parent, short level, string name, string? localName)
        {
            var id = NewId.Next(TimeProvider.System);
            var row = new RegionRow(id, parent?.Id, level, name, localName, (parent?.Path ?? "/") + id.ToString("N") + "/", now);
            regions.Add(row);
            return row;
        }

        RegionRow AddGenerated(RegionRow parent, short level, float localNameChance)
        {
            var taken = siblingNames.TryGetValue(parent.Id, out var set) ? set : siblingNames[parent.Id] = [];
            var (name, local) = UniqueName(faker, taken);
            return Add(parent, level, name, faker.Random.Bool(localNameChance) ? local : null);
        }

        var country = Add(null, 1, "India", "भारत");
        var states = Enumerable.Range(0, plan.States)
            .Select(i => Add(country, 2, StateNames[i % StateNames.Length].Latin + Suffix(i, StateNames.Length), StateNames[i % StateNames.Length].Local))
            .ToList();
        var districts = Enumerable.Range(0, plan.Districts).Select(i => AddGenerated(states[i % states.Count], 3, 1f)).ToList();
        var blocks = Enumerable.Range(0, plan.Blocks).Select(i => AddGenerated(districts[i % districts.Count], 4, 1f)).ToList();
        var villages = Enumerable.Range(0, plan.Villages).Select(i => AddGenerated(blocks[i % blocks.Count], 5, 0.7f)).ToList();

        var hash = new PasswordHasher<SeededAccount>().HashPassword(new SeededAccount(), BenchPassword);
        var users = new List<UserRow>(plan.Users + 1);
        var assignments = new List<AssignmentRow>(plan.Users + 1);
        for (var i = 0; i < plan.Users; i++)
        {
            var role = faker.Random.WeightedRandom(
                [Roles.OutreachWorker, Roles.Coordinator, Roles.Manager, Roles.Admin], [0.7f, 0.15f, 0.1f, 0.05f]);
            var region = faker.Random.Bool(0.3f) ? faker.PickRandom(districts) : faker.PickRandom(blocks);
            var user = NewUser($"user{i:0000}", faker.Name.FullName(), role, hash, now);
            users.Add(user);
            assignments.Add(new AssignmentRow(user.Id, region.Id, now));
        }
        var benchUser = NewUser(BenchUsername, "Bench Worker", Roles.OutreachWorker, hash, now);
        var benchCoordinator = NewUser(BenchCoordinator, "Bench Coordinator", Roles.Coordinator, hash, now);
        foreach (var user in new[] { benchUser, benchCoordinator })
        {
            users.Add(user);
            assignments.Add(new AssignmentRow(user.Id, districts[0].Id, now));
        }
        var benchVillages = villages.Count(v => v.Path.StartsWith(districts[0].Path, StringComparison.Ordinal));

        var pathOf = regions.ToDictionary(r => r.Id, r => r.Path);
        await using (var connection = await factory.OpenAsync(cancellationToken))
        {
            // In the order an NGO creates them: a block's villages together, as they are added under it.
            await BulkWriter.WriteAsync(connection, "org_region", RegionColumns, regions.OrderBy(r => r.Level).ThenBy(r => r.Path, StringComparer.Ordinal).Select(r =>
            {
                var ancestry = RegionAncestry.FromPath(r.Path);
                return (object?[])[r.Id, r.ParentId, r.Level, r.Name, r.LocalName, r.Path, ancestry.CountryId, ancestry.StateId, ancestry.DistrictId, ancestry.BlockId, 1, now, now];
            }), cancellationToken);
            await BulkWriter.WriteAsync(connection, "org_user", UserColumns, users.Select(u =>
                (object?[])[u.Id, u.Username, u.NormalizedUsername, u.DisplayName, u.Role, u.PasswordHash, true, 0, 1, now, now]), cancellationToken);
            await BulkWriter.WriteAsync(connection, "org_user_region", AssignmentColumns, assignments.Select(a =>
            {
                var ancestry = RegionAncestry.FromPath(pathOf[a.RegionId]);
                return (object?[])[a.UserId, a.RegionId, now, ancestry.CountryId, ancestry.StateId, ancestry.DistrictId, ancestry.BlockId];
            }), cancellationToken);
            // A live PostgreSQL database has planner statistics (autovacuum); a freshly loaded one does not yet.
            if (factory.Provider == DatabaseProvider.Postgres) await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: CommandType.Text, cancellationToken: cancellationToken));
        }

        return new SeedResult(benchUser.Id, districts[0].Id, regions.Count, users.Count, benchVillages, Stopwatch.GetElapsedTime(started));
    }

    private static string Suffix(int index, int cycle) => index < cycle ? "" : $" {(index / cycle) + 1}";

    private static (string Name, string Local) UniqueName(Faker faker, HashSet<string> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stem = faker.PickRandom(Stems);
            var suffix = faker.PickRandom(Suffixes);
            var (name, local) = (stem.Latin + suffix.Latin, stem.Local + suffix.Local);
            if (attempt >= 10)
            {
                var qualifier = Qualifiers[attempt % Qualifiers.Length];
                (name, local) = attempt < 20 ? ($"{name} {qualifier.Latin}", $"{local} {qualifier.Local}") : ($"{name} {attempt}", $"{local} {attempt}");
            }
            if (taken.Add(name)) return (name, local);
        }
    }

    private static UserRow NewUser(string username, string displayName, string role, string hash, DateTimeOffset now) =>
        new(NewId.Next(TimeProvider.System), username, username.ToUpperInvariant(), displayName, role, hash, now);

    private sealed record RegionRow(Guid Id, Guid? ParentId, short Level, string Name, string? LocalName, string Path, DateTimeOffset Now);

    private sealed record UserRow(Guid Id, string Username, string NormalizedUsername, string DisplayName, string Role, string PasswordHash, DateTimeOffset Now);

    private sealed record AssignmentRow(Guid UserId, Guid RegionId, DateTimeOffset Now);

    /// <summary>Identity's hasher is generic over a user type it never reads.</summary>
    private sealed class SeededAccount;
}

/// <summary>A fresh database for one run: a SQLite file in a temp folder, or a new database on a PostgreSQL server, removed afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? adminConnectionString;
    private readonly string? databaseName;
    private readonly DirectoryInfo? folder;

    private BenchDatabase(DatabaseOptions options, string description, DirectoryInfo? folder, string? adminConnectionString, string? databaseName)
    {
        Options = options;
        Description = description;
        this.folder = folder;
        this.adminConnectionString = adminConnectionString;
        this.databaseName = databaseName;
    }

    public DatabaseOptions Options { get; }
    public string Description { get; }

    /// <summary>The PostgreSQL server's main process when it runs on this machine, so its CPU can be told apart from other work.</summary>
    public int? Postmaster { get; private init; }

    /// <summary>Leave the database in place afterwards, to look at plans or run queries by hand.</summary>
    public bool Keep { get; set; }

    public static BenchDatabase Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("outreach-bench-");
        var file = Path.Combine(folder.FullName, "outreach.db");
        return new BenchDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" },
            "SQLite file in a temp folder (WAL, as the host configures it)", folder, null, null);
    }

    public static async Task<BenchDatabase> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var name = $"outreach_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE \"{name}\" ENCODING 'UTF8'", cancellationToken: cancellationToken));
        }
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Database = name };
        await using var probe = new NpgsqlConnection(target.ConnectionString);
        await probe.OpenAsync(cancellationToken);
        var backend = await probe.ExecuteScalarAsync<int>(new CommandDefinition("SELECT pg_backend_pid()", cancellationToken: cancellationToken));
        var local = File.Exists($"/proc/{backend}/status") && File.ReadAllText($"/proc/{backend}/cmdline").StartsWith("postgres", StringComparison.Ordinal);
        return new BenchDatabase(
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = target.ConnectionString },
            $"PostgreSQL {probe.PostgreSqlVersion} on {target.Host}:{target.Port}, fresh database", null, admin.ConnectionString, name)
        {
            Postmaster = local ? CpuShare.ParentId(backend) : null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Keep)
        {
            Console.WriteLine($"kept the database: {Options.ConnectionString}");
            return;
        }
        if (adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)");
        }
        if (folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
