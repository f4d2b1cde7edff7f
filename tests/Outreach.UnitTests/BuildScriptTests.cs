using System.Management.Automation.Language;

namespace Outreach.UnitTests;

/// <summary>No PowerShell runs on our machines, so build.ps1 is kept honest by PowerShell's own parser.</summary>
public sealed class BuildScriptTests
{
    private static readonly string ScriptPath = Repository.PathOf("build.ps1");

    [Fact]
    public void The_build_script_parses_without_errors()
    {
        Parser.ParseFile(ScriptPath, out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void Every_task_it_accepts_has_a_branch_that_calls_dotnet()
    {
        var script = Parser.ParseFile(ScriptPath, out _, out _);
        var task = script.ParamBlock.Parameters.Single(p => p.Name.VariablePath.UserPath == "Task");
        var accepted = task.Attributes.OfType<AttributeAst>().Single(a => a.TypeName.Name == "ValidateSet")
            .PositionalArguments.OfType<StringConstantExpressionAst>().Select(s => s.Value).ToList();
        Assert.Equal(["Restore", "Build", "Test", "Run", "Bench", "Publish"], accepted);

        var branches = script.FindAll(a => a is SwitchStatementAst, true).Cast<SwitchStatementAst>().Single().Clauses;
        foreach (var name in accepted)
        {
            var clause = branches.SingleOrDefault(c => c.Item1 is StringConstantExpressionAst s && s.Value == name);
            Assert.True(clause is not null, $"no branch for -Task {name}");
            Assert.Contains("Invoke-Dotnet", clause.Item2.Extent.Text, StringComparison.Ordinal);
        }
    }
}
