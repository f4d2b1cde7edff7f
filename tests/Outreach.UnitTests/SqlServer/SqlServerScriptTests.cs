using System.Text.RegularExpressions;
using Outreach.Shared.Data;
using DbMigrations = Outreach.Db.Migrations;

namespace Outreach.UnitTests.SqlServer;

public sealed partial class SqlServerScriptTests
{
    [Fact]
    public void The_committed_SQL_Server_migration_script_parses_batch_by_batch()
    {
        var path = Repository.PathOf("db", "scripts", DbMigrations.ScriptFileName(DatabaseProvider.SqlServer));
        var text = File.ReadAllText(path);

        var (script, errors) = TSql.Parse(text);

        Assert.True(errors.Count == 0, $"{path} is not valid T-SQL:\n{TSql.Describe(errors)}");
        var batches = GoLine().Split(text).Count(chunk => chunk.Trim().Length > 0);
        Assert.True(batches > 1, $"{path} should hold one batch per statement, separated by GO lines.");
        Assert.Equal(batches, script.Batches.Count);
        Assert.All(script.Batches, batch => Assert.NotEmpty(batch.Statements));
    }

    [GeneratedRegex(@"^[ \t]*GO[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoLine();
}
