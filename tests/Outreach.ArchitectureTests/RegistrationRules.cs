using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.ArchitectureTests;

public sealed class RegistrationRules
{
    [Fact]
    public void The_module_list_of_these_tests_matches_the_modules_in_the_solution()
    {
        var listed = Architecture.Modules.Select(m => m.Name).Order(StringComparer.Ordinal).ToList();
        var inSolution = Architecture.ModulesInSolution();

        Assert.True(listed.SequenceEqual(inSolution),
            $"Outreach.sln has modules [{string.Join(", ", inSolution)}] but Architecture.Modules lists [{string.Join(", ", listed)}]; add the new module (and its table prefix) there.");
    }

    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void A_module_registers_itself_with_one_public_AddModule_extension_method(string module)
    {
        var subject = Architecture.ModuleNamed(module).Implementation;
        var expected = $"Add{module}Module";

        var candidates = subject.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal) && m.Name.EndsWith("Module", StringComparison.Ordinal))
            .ToList();

        Assert.True(candidates.Count == 1 && candidates[0].Name == expected,
            $"{subject.Name()} must expose exactly one public {expected}; found: [{string.Join(", ", candidates.Select(Describe))}]");
        var method = candidates[0];
        Assert.True(method.IsDefined(typeof(ExtensionAttribute), inherit: false)
                && method.GetParameters() is [{ ParameterType: var target }, ..] && target == typeof(IServiceCollection)
                && method.ReturnType == typeof(IServiceCollection),
            $"{Describe(method)} must be an extension method on IServiceCollection that returns it.");
    }

    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void The_host_registers_every_module(string module)
    {
        var registrations = Architecture.ModuleNamed(module).Implementation.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name == $"Add{module}Module")
            .ToList();

        Assert.True(registrations.Any(r => Calls(Architecture.Host, r)),
            $"Outreach.Host never calls Add{module}Module (found: [{string.Join(", ", registrations.Select(Describe))}]); add it to Program.cs.");
    }

    [Fact]
    public void The_call_finder_sees_a_call_and_no_call()
    {
        var test = typeof(RegistrationRules).Assembly;
        var called = typeof(Architecture).GetMethod(nameof(Architecture.ModulesInSolution))!;
        var neverCalled = typeof(string).GetMethod(nameof(string.IsNormalized), Type.EmptyTypes)!;

        Assert.True(Calls(test, called));
        Assert.False(Calls(test, neverCalled));
    }

    /// <summary>Whether any method body in <paramref name="assembly"/> has a call or callvirt whose token resolves to <paramref name="target"/>.</summary>
    private static bool Calls(Assembly assembly, MethodInfo target)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null) continue;
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is not (0x28 or 0x6F)) continue;
                    var token = BitConverter.ToInt32(il, i + 1);
                    if ((token >> 24) is not (0x06 or 0x0A)) continue;
                    try
                    {
                        if (method.Module.ResolveMethod(token) == target) return true;
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException)
                    {
                    }
                }
            }
        }
        return false;
    }

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
}
