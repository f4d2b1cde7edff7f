using System.Reflection;
using FluentValidation;

namespace Outreach.ArchitectureTests;

public sealed class VisibilityRules
{
    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void Handlers_and_validators_of_a_module_are_not_public(string module)
    {
        var subject = Architecture.ModuleNamed(module);

        var exposed = HandlersAndValidators(subject.Implementation).Concat(HandlersAndValidators(subject.Contracts))
            .Where(t => t.IsVisible)
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(exposed.Count == 0, $"Make these internal (the host's mediator still finds them):\n  {string.Join("\n  ", exposed)}");
    }

    [Fact]
    public void The_visibility_rule_finds_handlers_and_validators_to_check()
    {
        var found = Architecture.Modules.SelectMany(m => HandlersAndValidators(m.Implementation)).ToList();

        Assert.Contains(found, IsHandler);
        Assert.Contains(found, IsValidator);
        Assert.Contains(found, t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Mediator.IQueryHandler<,>)));
        Assert.Contains(found, t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Mediator.ICommandHandler<,>)));
    }

    private static IEnumerable<Type> HandlersAndValidators(Assembly assembly) =>
        Architecture.SourceTypes(assembly).Where(t => t.IsClass && (IsHandler(t) || IsValidator(t)));

    private static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.Contains("Handler", StringComparison.Ordinal));

    private static bool IsValidator(Type type) => typeof(IValidator).IsAssignableFrom(type);
}
