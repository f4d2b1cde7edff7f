using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Outreach.ArchitectureTests;

public sealed record OutreachModule(string Name, string TablePrefix)
{
    public string ImplementationName => $"Outreach.{Name}";
    public string ContractsName => $"Outreach.{Name}.Contracts";
    public Assembly Implementation => Assembly.Load(ImplementationName);
    public Assembly Contracts => Assembly.Load(ContractsName);
}

/// <summary>The modules and the assemblies around them. A module added to the solution must be added here (a test says so).</summary>
public static partial class Architecture
{
    public static readonly IReadOnlyList<OutreachModule> Modules =
    [
        new("Organization", "org"),
        new("Cases", "cases"),
        new("Surveys", "surveys"),
        new("Events", "events"),
        new("Volunteers", "volunteers"),
        new("Reporting", "reporting"),
    ];

    public const string SharedTablePrefix = "shared";

    public static Assembly Shared => Assembly.Load("Outreach.Shared");
    public static Assembly Host => Assembly.Load("Outreach.Host");
    public static Assembly Db => Assembly.Load("Outreach.Db");

    public static IEnumerable<string> TablePrefixes => Modules.Select(m => m.TablePrefix).Append(SharedTablePrefix);

    public static TheoryData<string> ModuleNames => new(Modules.Select(m => m.Name));

    public static OutreachModule ModuleNamed(string name) => Modules.Single(m => m.Name == name);

    public static string Name(this Assembly assembly) => assembly.GetName().Name!;

    /// <summary>Types written in source: no closures, state machines, anonymous types or embedded compiler attributes.</summary>
    public static IEnumerable<Type> SourceTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => !IsCompilerGenerated(t));

    public static bool IsCompilerGenerated(Type type) =>
        type.FullName is null || type.FullName.Contains('<', StringComparison.Ordinal)
        || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Modules as the solution declares them: every src project Outreach.X that has an Outreach.X.Contracts beside it.</summary>
    public static IReadOnlyList<string> ModulesInSolution()
    {
        var projects = SolutionProject().Matches(File.ReadAllText(Path.Combine(RepositoryRoot, "Outreach.sln")))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
        return [.. projects
            .Where(p => p.EndsWith(".Contracts", StringComparison.Ordinal) && projects.Contains(p[..^".Contracts".Length]))
            .Select(p => p["Outreach.".Length..^".Contracts".Length])
            .Order(StringComparer.Ordinal)];
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Outreach.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"""src[\\/](?<name>Outreach\.[A-Za-z0-9.]+)[\\/]\k<name>\.csproj""")]
    private static partial Regex SolutionProject();
}
