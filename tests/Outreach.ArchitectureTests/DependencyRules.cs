using System.Reflection;
using NetArchTest.Rules;

namespace Outreach.ArchitectureTests;

public sealed class DependencyRules
{
    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void A_module_uses_no_other_module_implementation_nor_the_host_nor_the_database_project(string module)
    {
        var subject = Architecture.ModuleNamed(module);
        var forbidden = Architecture.Modules.Where(m => m != subject).Select(m => m.Implementation)
            .Append(Architecture.Host).Append(Architecture.Db);

        AssertUsesNone(subject.Implementation, forbidden, "talk to other modules through their Contracts");
    }

    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void A_module_references_no_outreach_assembly_but_the_shared_kernel_and_contracts(string module)
    {
        var subject = Architecture.ModuleNamed(module).Implementation;

        var wrong = OutreachReferences(subject).Where(name => name != "Outreach.Shared" && !IsContracts(name)).ToList();

        Assert.True(wrong.Count == 0, $"{subject.Name()} references {string.Join(", ", wrong)}; a module may reference only Outreach.Shared and *.Contracts.");
    }

    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void A_contracts_assembly_uses_no_module_implementation_nor_the_host_nor_the_database_project(string module)
    {
        var subject = Architecture.ModuleNamed(module).Contracts;
        var forbidden = Architecture.Modules.Select(m => m.Implementation).Append(Architecture.Host).Append(Architecture.Db);

        AssertUsesNone(subject, forbidden, "contracts are plain records that any module can reference");
    }

    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void A_contracts_assembly_references_only_the_shared_kernel_other_contracts_mediator_and_the_base_library(string module)
    {
        var subject = Architecture.ModuleNamed(module).Contracts;

        var wrong = subject.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => !(name == "Outreach.Shared" || IsContracts(name) || name == "Mediator" || IsBaseLibrary(name)))
            .ToList();

        Assert.True(wrong.Count == 0, $"{subject.Name()} references {string.Join(", ", wrong)}; contracts may reference only Outreach.Shared, other *.Contracts, Mediator.Abstractions and the base library.");
    }

    [Fact]
    public void The_shared_kernel_uses_no_module_nor_the_host_nor_the_database_project()
    {
        var forbidden = Architecture.Modules.SelectMany(m => new[] { m.Implementation, m.Contracts })
            .Append(Architecture.Host).Append(Architecture.Db);

        AssertUsesNone(Architecture.Shared, forbidden, "the kernel sits below every module");
    }

    [Fact]
    public void The_shared_kernel_references_no_other_outreach_assembly()
    {
        var wrong = OutreachReferences(Architecture.Shared).ToList();

        Assert.True(wrong.Count == 0, $"Outreach.Shared references {string.Join(", ", wrong)}.");
    }

    [Fact]
    public void The_dependency_check_finds_a_use_in_a_lambda_and_tells_contracts_from_the_implementation()
    {
        var test = typeof(DependencyRules).Assembly;

        var usingImplementation = TypesUsing(test, Architecture.ModuleNamed("Organization").Implementation);
        var usingContracts = TypesUsing(test, Architecture.ModuleNamed("Organization").Contracts);

        Assert.Contains(typeof(UsesOrganizationImplementationInALambda).FullName, usingImplementation);
        Assert.DoesNotContain(typeof(UsesOrganizationContracts).FullName, usingImplementation);
        Assert.Contains(typeof(UsesOrganizationContracts).FullName, usingContracts);
    }

    internal static void AssertUsesNone(Assembly subject, IEnumerable<Assembly> forbidden, string why)
    {
        var offences = forbidden
            .Select(dependency => (Dependency: dependency, Users: TypesUsing(subject, dependency)))
            .Where(x => x.Users.Count > 0)
            .Select(x => $"{x.Dependency.Name()} is used by {string.Join(", ", x.Users)}")
            .ToList();

        Assert.True(offences.Count == 0, $"{subject.Name()} must not depend on these assemblies ({why}):\n  {string.Join("\n  ", offences)}");
    }

    /// <summary>
    /// Types of <paramref name="subject"/> that use a type declared in <paramref name="dependency"/>. NetArchTest matches names by
    /// namespace prefix, so it is given full type names: a module's root namespace would also match its Contracts namespace.
    /// </summary>
    internal static IReadOnlyList<string> TypesUsing(Assembly subject, Assembly dependency)
    {
        var typeNames = Architecture.SourceTypes(dependency).Select(t => t.FullName!).ToArray();
        if (typeNames.Length == 0) return [];
        var result = Types.InAssembly(subject).ShouldNot().HaveDependencyOnAny(typeNames).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames.Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> OutreachReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(name => name.StartsWith("Outreach.", StringComparison.Ordinal));

    private static bool IsContracts(string assemblyName) => Architecture.Modules.Any(m => m.ContractsName == assemblyName);

    private static bool IsBaseLibrary(string assemblyName) =>
        assemblyName is "System" or "netstandard" or "mscorlib" || assemblyName.StartsWith("System.", StringComparison.Ordinal);
}

internal static class UsesOrganizationImplementationInALambda
{
    public static Func<object> Make() => () => new Outreach.Organization.Regions.GetRegion(Guid.Empty);
}

internal static class UsesOrganizationContracts
{
    public static object Make() => new Outreach.Organization.Contracts.GetRegionSubtree(Guid.Empty);
}
