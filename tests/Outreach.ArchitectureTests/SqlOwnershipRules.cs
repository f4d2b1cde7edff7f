using System.Reflection;

namespace Outreach.ArchitectureTests;

public sealed class SqlOwnershipRules
{
    private const string Shared = "Shared";

    public static TheoryData<string> Owners => new(Architecture.Modules.Select(m => m.Name).Prepend(Shared));

    [Theory]
    [MemberData(nameof(Owners))]
    public void SQL_in_an_assembly_names_only_the_tables_its_owner_owns(string owner)
    {
        var (assembly, prefix) = Owner(owner);

        var offences = SqlConstants.In(assembly)
            .SelectMany(c => SqlConstants.Tables(c.Sql)
                .Where(table => !table.StartsWith(prefix + "_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(table => $"{c.Name} names {table}"))
            .ToList();

        Assert.True(offences.Count == 0,
            $"{assembly.Name()} may only name {prefix}_ tables; ask the owning module through its Contracts instead:\n  {string.Join("\n  ", offences)}");
    }

    [Fact]
    public void The_SQL_rule_finds_the_SQL_it_guards()
    {
        var constants = Architecture.Modules.Select(m => m.Name).Prepend(Shared).SelectMany(o => SqlConstants.In(Owner(o).Assembly)).ToList();
        var tables = constants.SelectMany(c => SqlConstants.Tables(c.Sql)).ToHashSet(StringComparer.Ordinal);

        Assert.True(constants.Count >= 20, $"Only {constants.Count} SQL constants were found; the collector is broken.");
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "org_region", "org_user", "org_user_region", "org_api_token", "shared_audit_log" }, tables);
    }

    [Fact]
    public void Every_SQL_constant_names_a_table_with_an_owner_prefix()
    {
        var unprefixed = Architecture.Modules.Select(m => m.Name).Prepend(Shared)
            .SelectMany(o => SqlConstants.In(Owner(o).Assembly))
            .Where(c => SqlConstants.Tables(c.Sql).Count == 0)
            .Select(c => c.Name)
            .ToList();

        Assert.True(unprefixed.Count == 0,
            $"These SQL constants name no table with an owner prefix ({string.Join("_, ", Architecture.TablePrefixes)}_), so ownership cannot be checked:\n  {string.Join("\n  ", unprefixed)}");
    }

    [Fact]
    public void The_table_reader_sees_every_prefixed_name_outside_literals_comments_parameters_and_aliases()
    {
        const string sql = """
            SELECT p.id, p.name AS org_alias, @org_param, 'org_literal' -- org_comment
            FROM cases_person p, [dbo].[events_session] s
            JOIN "volunteers_shift" v ON v.id = p.id
            WHERE EXISTS (SELECT 1 FROM ORG_USER u) /* reporting_comment */
            """;

        Assert.Equal(new[] { "cases_person", "events_session", "org_user", "volunteers_shift" }, SqlConstants.Tables(sql).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "surveys_gap" }, SqlConstants.Tables("INSERT INTO surveys_gap (id) VALUES (@Id)"));
        Assert.Equal(new[] { "reporting_snapshot" }, SqlConstants.Tables("UPDATE reporting_snapshot SET version = version + 1"));
        Assert.Equal(new[] { "shared_audit_log" }, SqlConstants.Tables("DELETE FROM shared_audit_log"));
    }

    [Fact]
    public void The_SQL_detector_takes_statements_and_leaves_plain_text()
    {
        Assert.True(SqlConstants.LooksLikeSql("SELECT 1"));
        Assert.True(SqlConstants.LooksLikeSql("EXISTS (SELECT 1 FROM org_region)"));
        Assert.True(SqlConstants.LooksLikeSql("MERGE INTO org_user AS target"));
        Assert.False(SqlConstants.LooksLikeSql("Organization:Accounts"));
        Assert.False(SqlConstants.LooksLikeSql("Select a region to update."));
    }

    private static (Assembly Assembly, string Prefix) Owner(string owner) =>
        owner == Shared
            ? (Architecture.Shared, Architecture.SharedTablePrefix)
            : (Architecture.ModuleNamed(owner).Implementation, Architecture.ModuleNamed(owner).TablePrefix);
}
