using System.Reflection;
using System.Runtime.CompilerServices;

namespace Outreach.ArchitectureTests;

public sealed class ContractRules
{
    [Theory]
    [MemberData(nameof(Architecture.ModuleNames), MemberType = typeof(Architecture))]
    public void Contracts_types_are_records_enums_or_interfaces(string module)
    {
        var subject = Architecture.ModuleNamed(module).Contracts;

        var offenders = Architecture.SourceTypes(subject)
            .Where(t => !(t.IsEnum || t.IsInterface || IsRecord(t)))
            .Select(t => $"{t.FullName} ({Kind(t)})")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0, $"{subject.Name()} may hold only records, enums and interfaces; behaviour belongs in the module:\n  {string.Join("\n  ", offenders)}");
    }

    [Fact]
    public void The_contracts_rule_finds_types_to_check()
    {
        var checkedTypes = Architecture.Modules.SelectMany(m => Architecture.SourceTypes(m.Contracts)).ToList();

        Assert.Contains(checkedTypes, IsRecord);
        Assert.Contains(checkedTypes, t => t.IsEnum);
    }

    [Fact]
    public void The_record_check_tells_records_from_classes_and_structs()
    {
        Assert.True(IsRecord(typeof(SampleRecord)));
        Assert.True(IsRecord(typeof(SampleRecordStruct)));
        Assert.False(IsRecord(typeof(SampleClass)));
        Assert.False(IsRecord(typeof(SampleStruct)));
    }

    internal static bool IsRecord(Type type) =>
        type.IsClass
            ? type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
            : type.IsValueType
              && type.GetMethod("PrintMembers", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance) is { } printMembers
              && printMembers.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    private static string Kind(Type type) =>
        typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsValueType ? "struct"
        : type.IsAbstract && type.IsSealed ? "static class"
        : "class";

    private sealed record SampleRecord(int Value);

    private readonly record struct SampleRecordStruct(int Value);

    private sealed class SampleClass
    {
        public int Value { get; init; }
    }

    private readonly struct SampleStruct
    {
        public int Value { get; init; }
    }
}
