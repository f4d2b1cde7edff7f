using Outreach.Shared.Data;
using DbMigrations = Outreach.Db.Migrations;

namespace Outreach.UnitTests.Migrations;

/// <summary>db/scripts holds what the migrations do on each provider, for review in pull requests; it must not drift.</summary>
public sealed class MigrationScriptTests
{
    private const string UpdateVariable = "OUTREACH_UPDATE_SCRIPTS";

    public static TheoryData<DatabaseProvider> Providers => new(Enum.GetValues<DatabaseProvider>());

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_committed_script_is_what_the_migrations_generate(DatabaseProvider provider)
    {
        var path = Path.Combine(Repository.Root, "db", "scripts", DbMigrations.ScriptFileName(provider));
        var generated = Normalize(DbMigrations.Script(provider));
        var committed = File.Exists(path) ? Normalize(File.ReadAllText(path)) : null;

        Assert.Contains("CREATE TABLE", generated, StringComparison.OrdinalIgnoreCase);
        if (committed == generated) return;

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }

        Assert.Fail(
            $"{path} is {(committed is null ? "missing" : "out of date: " + FirstDifference(committed, generated))}.\n" +
            $"Refresh the scripts and commit them:\n" +
            $"  {UpdateVariable}=1 dotnet test tests/Outreach.UnitTests --filter \"FullyQualifiedName~Migrations\"");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string FirstDifference(string committed, string generated)
    {
        var was = committed.Split('\n');
        var now = generated.Split('\n');
        var line = 0;
        while (line < was.Length && line < now.Length && was[line] == now[line]) line++;
        return $"first difference at line {line + 1}\n  committed: {Show(was, line)}\n  generated: {Show(now, line)}";
    }

    private static string Show(string[] lines, int index) =>
        index >= lines.Length ? "(end of file)" : lines[index].Length == 0 ? "(empty line)" : lines[index];
}
