using System.CodeDom.Compiler;
using System.Reflection;
using System.Reflection.Emit;

namespace Outreach.ArchitectureTests;

/// <summary>
/// The Host composes and presents: it may use what a module makes public (its requests, views and AddModule), never a
/// module's internals, even though every module lets the Host see them for the source-generated mediator's sake.
/// </summary>
public sealed class HostBoundaryRules
{
    /// <summary>The namespace of the code Mediator's source generator writes into the Host: it must reach internal handlers.</summary>
    private const string GeneratedMediator = "Mediator";

    public static IEnumerable<Assembly> ModuleAssemblies =>
        Architecture.Modules.SelectMany(m => new[] { m.Implementation, m.Contracts }).Append(Architecture.Shared);

    [Fact]
    public void Host_code_uses_no_internal_type_or_member_of_a_module_or_the_shared_kernel()
    {
        var uses = InternalUses(Architecture.Host, ModuleAssemblies.ToHashSet(), IsGeneratedMediator);

        Assert.True(uses.Count == 0,
            "The Host composes and presents; it may use only what a module makes public. Move the logic into its module, or make the "
            + $"request or view public there:\n  {string.Join("\n  ", uses)}");
    }

    [Fact]
    public void The_internal_use_finder_sees_internal_types_and_members_in_signatures_bodies_and_lambdas_and_passes_public_ones()
    {
        var test = typeof(HostBoundaryRules).Assembly;

        var uses = InternalUses(test, new HashSet<Assembly> { test }, _ => false);

        foreach (var user in new[] { typeof(UsesAnInternalTypeInAField), typeof(UsesAnInternalMethodOfAPublicType), typeof(UsesAnInternalTypeInALambda), typeof(UsesAnInternalTypeAsAGenericArgument) })
        {
            Assert.Contains(uses, u => u.StartsWith(user.FullName + ":", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(uses, u => u.StartsWith(typeof(UsesOnlyPublicTypesAndMembers).FullName + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_rule_skips_only_the_generated_mediator()
    {
        var generated = Architecture.Host.GetTypes().Where(IsGeneratedMediator).ToList();

        Assert.Contains(generated, t => t.Namespace == GeneratedMediator);
        Assert.Contains(generated, t => t.Name == "MediatorDependencyInjectionExtensions");
        Assert.DoesNotContain(generated, t => t.Namespace?.StartsWith("Outreach.", StringComparison.Ordinal) == true);
        Assert.NotEmpty(InternalUses(Architecture.Host, ModuleAssemblies.ToHashSet(), _ => false));
    }

    /// <summary>The generator also writes its AddMediator extension, marked as its code, into Microsoft.Extensions.DependencyInjection.</summary>
    private static bool IsGeneratedMediator(Type type) =>
        type.Namespace is { } ns && (ns == GeneratedMediator || ns.StartsWith(GeneratedMediator + ".", StringComparison.Ordinal))
        || type.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "Mediator.SourceGenerator";

    /// <summary>
    /// Every use, by a type of <paramref name="subject"/> not <paramref name="skipped"/>, of a type or member declared in one of
    /// <paramref name="guarded"/> that is not public: in base types, interfaces, fields, properties, signatures, locals and
    /// method bodies (closures and state machines count for the type that holds them).
    /// </summary>
    internal static IReadOnlyList<string> InternalUses(Assembly subject, IReadOnlySet<Assembly> guarded, Func<Type, bool> skipped)
    {
        var uses = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in subject.GetTypes())
        {
            var owner = Outermost(type);
            if (skipped(owner)) continue;
            void Note(string what) => uses.Add($"{owner.FullName}: {what}");
            void CheckType(Type? used)
            {
                foreach (var hidden in HiddenTypes(used, guarded)) Note(hidden.FullName ?? hidden.Name);
            }

            CheckType(type.BaseType);
            foreach (var i in type.GetInterfaces()) CheckType(i);
            foreach (var field in type.GetFields(Everything)) CheckType(field.FieldType);
            foreach (var property in type.GetProperties(Everything)) CheckType(property.PropertyType);
            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                if (method is MethodInfo info) CheckType(info.ReturnType);
                foreach (var parameter in method.GetParameters()) CheckType(parameter.ParameterType);
                var body = method.GetMethodBody();
                if (body is null) continue;
                foreach (var local in body.LocalVariables) CheckType(local.LocalType);
                foreach (var member in Operands(method, body))
                {
                    switch (member)
                    {
                        case Type used:
                            CheckType(used);
                            break;
                        case MethodBase used:
                            CheckType(used.DeclaringType);
                            if (used is MethodInfo { IsGenericMethod: true } generic) foreach (var argument in generic.GetGenericArguments()) CheckType(argument);
                            if (guarded.Contains(used.Module.Assembly) && !(used.IsPublic || used.IsFamily || used.IsFamilyOrAssembly))
                            {
                                Note($"{used.DeclaringType?.FullName}.{used.Name}");
                            }
                            break;
                        case FieldInfo used:
                            CheckType(used.DeclaringType);
                            if (guarded.Contains(used.Module.Assembly) && !used.IsPublic) Note($"{used.DeclaringType?.FullName}.{used.Name}");
                            break;
                    }
                }
            }
        }
        return [.. uses];
    }

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>The guarded, non-public types a type is built from: itself, its element type and its generic arguments.</summary>
    private static IEnumerable<Type> HiddenTypes(Type? type, IReadOnlySet<Assembly> guarded)
    {
        if (type is null || type.IsGenericParameter) yield break;
        if (type.HasElementType)
        {
            foreach (var hidden in HiddenTypes(type.GetElementType(), guarded)) yield return hidden;
            yield break;
        }
        if (type.IsConstructedGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var hidden in HiddenTypes(argument, guarded)) yield return hidden;
            }
            type = type.GetGenericTypeDefinition();
        }
        if (guarded.Contains(type.Assembly) && !type.IsVisible) yield return type;
    }

    /// <summary>The types, methods and fields a method body's instructions name, decoded opcode by opcode.</summary>
    private static IEnumerable<MemberInfo> Operands(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            OpCode code;
            if (il[i] == 0xFE)
            {
                code = TwoByte[il[i + 1]];
                i += 2;
            }
            else
            {
                code = OneByte[il[i]];
                i += 1;
            }
            var size = OperandSize(code.OperandType, il, i);
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                MemberInfo? member = null;
                try
                {
                    member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
                {
                }
                if (member is not null) yield return member;
            }
            i += size;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static HostBoundaryRules()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 1) OneByte[value] = code;
            else TwoByte[value & 0xFF] = code;
        }
    }
}

internal sealed class AnInternalType
{
    public static int Count => 1;
}

public sealed class APublicType
{
    public static int Visible() => 1;

    internal static int Hidden() => 2;
}

public static class UsesAnInternalTypeInAField
{
#pragma warning disable CS0169, IDE0051, CA1823 // the field's type is what the finder must see
    private static readonly AnInternalType? Held;
#pragma warning restore CS0169, IDE0051, CA1823
}

public static class UsesAnInternalMethodOfAPublicType
{
    public static int Call() => APublicType.Hidden();
}

public static class UsesAnInternalTypeInALambda
{
    public static Func<int> Make() => () => AnInternalType.Count;
}

public static class UsesAnInternalTypeAsAGenericArgument
{
    public static int Count() => new List<AnInternalType>().Count;
}

public static class UsesOnlyPublicTypesAndMembers
{
    public static int Call() => APublicType.Visible() + new List<APublicType>().Count;
}
