using System;
using System.Collections.Generic;
using System.Linq;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using Uploads.Generators.Parsing;

namespace Uploads.Generators.Naming;

/// <summary>
/// The one place where OpenAPI names become C# names: type names (components first, in ordinal order, then inline
/// types in ordinal order of their JSON pointer), member names, and the names of the types generated beside them. Collisions are
/// resolved deterministically with a numeric suffix and reported as information.
/// </summary>
internal sealed partial class NamingPass
{
    private static readonly string[] ObjectMembers =
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    private static readonly HashSet<string> RecordReserved = new(
        ObjectMembers.Concat(new[] { "EqualityContract", "Deconstruct", "PrintMembers", "Clone" }), StringComparer.Ordinal);

    private static readonly HashSet<string> EnumReserved = new(
        ObjectMembers.Concat(new[] { "Value", "Values", "IsKnown", "EqualityContract", "Deconstruct", "PrintMembers", "CompareTo" }), StringComparer.Ordinal);

    private static readonly HashSet<string> ContextReserved = new(
        ObjectMembers.Concat(new[] { "Default", "Options", "GetTypeInfo", "GeneratedSerializerOptions" }), StringComparer.Ordinal);

    /// <summary>Members a generated record (or union) declares or synthesizes; a type named like one cannot compile.</summary>
    private static readonly HashSet<string> RecordTypeReserved = new(StringComparer.Ordinal) { "ToString", "Equals", "GetHashCode", "EqualityContract", "PrintMembers" };

    /// <summary>The same for the readonly record struct of an Extensible enum, which also has Value, Values and IsKnown.</summary>
    private static readonly HashSet<string> ExtensibleTypeReserved = new(RecordTypeReserved.Concat(new[] { "Value", "Values", "IsKnown" }), StringComparer.Ordinal);

    private readonly DiagnosticBag _diagnostics;
    private readonly string _namespace;
    private readonly HashSet<string> _claimed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<RawType, string> _typeNames = new();
    private readonly Dictionary<RawType, string> _qualified = new();
    private readonly Dictionary<string, string> _pascal = new(StringComparer.Ordinal);
    private readonly Func<string, string> _pascalOf;

    /// <summary>The member names taken in the type being named; one set, cleared per type.</summary>
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    private static readonly string[] RecordSuffixes = { "JsonConverter" };
    private static readonly string[] EnumSuffixes = { "JsonConverter", "Extensions" };

    private NamingPass(DiagnosticBag diagnostics, string @namespace)
    {
        _diagnostics = diagnostics;
        _namespace = @namespace;
        _pascalOf = Pascal;
    }

    public static ApiModel Apply(RawDocument raw, string sourcePath, DocumentOptions options, DiagnosticBag diagnostics)
    {
        var pass = new NamingPass(diagnostics, options.Namespace);
        string title = Identifier.ToPascalCase(raw.Title);
        if (title.Length == 0) title = "OpenApi";
        string contextName = pass.Claim(title + "JsonContext", "#/info/title", suffixes: Array.Empty<string>());
        var surfaceNames = pass.ClaimSurfaceNames(raw, title);

        // Names must not depend on the order in which $refs reach the schemas: components by name, then inline
        // types by their JSON pointer, both ordinal; last the types that can yield a taken name with a word (a shared
        // parameter's enum), so that they do not push a schema's own type to a number.
        var ordered = raw.Types.Where(t => t.IsComponent).OrderBy(t => string.Join("/", t.NameParts), StringComparer.Ordinal)
            .Concat(raw.Types.Where(t => !t.IsComponent && t.Qualifier is null).OrderBy(t => t.Pointer, StringComparer.Ordinal))
            .Concat(raw.Types.Where(t => !t.IsComponent && t.Qualifier is not null).OrderBy(t => t.Pointer, StringComparer.Ordinal))
            .ToList();
        foreach (var type in ordered)
        {
            // Inline names concatenate every part ({Parent}{Property}…): shortened as a whole, like each part.
            string baseName = Identifier.Shorten(string.Concat(type.NameParts.Select(pass._pascalOf)), string.Join("/", type.NameParts));
            if (baseName.Length == 0) baseName = "Schema";
            // A type may not declare a member of its own name (CS0542): a record synthesizes ToString, Equals...,
            // an Extensible enum also has Value, Values and IsKnown. Such a schema name gets the Value suffix, as members do.
            bool csharpEnum = type.Kind == RawTypeKind.Enum && options.EnumStyle != EnumStyle.Extensible;
            if (!csharpEnum && (type.Kind == RawTypeKind.Enum ? ExtensibleTypeReserved : RecordTypeReserved).Contains(baseName)) baseName += "Value";
            var suffixes = type.Kind == RawTypeKind.Enum ? EnumSuffixes : RecordSuffixes;
            pass._typeNames[type] = pass.Claim(baseName, type.Pointer, suffixes, original: string.Join(".", type.NameParts), qualifier: type.Qualifier);
        }

        var bases = PolymorphicBases(ordered);
        var contextMembers = new HashSet<string>(ContextReserved, StringComparer.Ordinal);
        var types = new List<TypeModel>(ordered.Count);
        foreach (var type in ordered)
        {
            string name = pass._typeNames[type];
            string contextProperty = contextMembers.Add(name) ? name : Unique(name + "TypeInfo", contextMembers);
            types.Add(type.Kind switch
            {
                RawTypeKind.Record => new TypeModel(TypeModelKind.Record, name, type.Pointer, type.Description, type.Deprecated, pass.Properties(type, name), EquatableArray<EnumMemberModel>.Empty, contextProperty)
                {
                    BaseType = bases.TryGetValue(type, out var baseType) ? pass.Qualified(baseType) : null,
                },
                RawTypeKind.Enum => new TypeModel(TypeModelKind.Enum, name, type.Pointer, type.Description, type.Deprecated, EquatableArray<PropertyModel>.Empty, pass.Members(type, name), contextProperty)
                {
                    IsIntegerEnum = type.IsIntegerEnum,
                },
                _ => new TypeModel(TypeModelKind.Union, name, type.Pointer, type.Description, type.Deprecated, EquatableArray<PropertyModel>.Empty, EquatableArray<EnumMemberModel>.Empty, contextProperty)
                {
                    Branches = pass.Branches(type),
                    Discriminator = type.Discriminator,
                    IsAbstractBase = bases.ContainsValue(type),
                },
            });
        }

        return new ApiModel(sourcePath, options, raw.Title, contextName, types.ToEquatableArray(), pass.Surface(raw, surfaceNames));
    }

    private EquatableArray<PropertyModel> Properties(RawType type, string typeName)
    {
        // Reserved names never reach Unique (they get the Value suffix first, and no reserved name ends in Value or a
        // digit), so the set holds only the names taken here.
        var used = _members;
        used.Clear();
        used.Add(typeName);
        var result = new PropertyModel[type.Properties.Count];
        int index = 0;
        foreach (var property in type.Properties)
        {
            string candidate = Pascal(property.WireName);
            if (candidate.Length == 0) candidate = "Property";
            if (candidate == typeName || RecordReserved.Contains(candidate)) candidate += "Value";
            string name = Unique(candidate, used);
            if (name != candidate) _diagnostics.Add(DiagnosticDescriptors.NameCollision, property.Pointer, property.WireName, candidate, name);
            // A deprecated member is never required: servers stop sending it (OpenAI's File.status), and C# forbids
            // [Obsolete] on required members.
            bool required = property.Required && !property.Deprecated;
            result[index++] = new PropertyModel(name, property.WireName, Ref(property.Type), required, property.Description, property.Deprecated, property.Type.ConstValue);
        }
        return new EquatableArray<PropertyModel>(result);
    }

    private static readonly HashSet<string> UnionReserved = new(ObjectMembers.Concat(new[] { "Value" }), StringComparer.Ordinal);

    /// <summary>
    /// Discriminated unions that can be an abstract base record: every branch is a record, picked by at least one
    /// discriminator value, and a branch of no other union (C# has single inheritance). Branch → its base.
    /// </summary>
    private static Dictionary<RawType, RawType> PolymorphicBases(List<RawType> types)
    {
        var unions = types.Where(t => t.Kind == RawTypeKind.Union).ToList();
        var uses = unions.SelectMany(u => u.Branches).Where(b => b.Target is not null).GroupBy(b => b.Target!).ToDictionary(g => g.Key, g => g.Count());
        var result = new Dictionary<RawType, RawType>();
        foreach (var union in unions)
        {
            if (union.Discriminator is null || union.Branches.Count == 0) continue;
            bool eligible = true;
            for (int i = 0; i < union.Branches.Count && eligible; i++)
            {
                var target = union.Branches[i].Target;
                eligible = target is { Kind: RawTypeKind.Record } && uses[target] == 1 && union.Mapping.Any(m => m.Branch == i) && !ReferenceEquals(target, union);
            }
            if (!eligible) continue;
            foreach (var branch in union.Branches) result[branch.Target!] = union;
        }
        return result;
    }

    /// <summary>Branch names: the branch type's name, or its kind for primitives (String, Int64, StringList…).</summary>
    private EquatableArray<UnionBranchModel> Branches(RawType union)
    {
        var used = new HashSet<string>(UnionReserved, StringComparer.Ordinal);
        var result = new List<UnionBranchModel>(union.Branches.Count);
        for (int i = 0; i < union.Branches.Count; i++)
        {
            var type = Ref(union.Branches[i]);
            string name = Unique(BranchName(type), used);
            var values = union.Mapping.Where(m => m.Branch == i).Select(m => m.Value).ToEquatableArray();
            result.Add(new UnionBranchModel(name, type, values));
        }
        // Tried in document order, but a catch-all JsonElement branch only when nothing else matched.
        return result.OrderBy(b => b.Type.Kind == ValueKind.Any ? 1 : 0).ToEquatableArray();
    }

    private static string BranchName(TypeRef type) => type.Kind switch
    {
        ValueKind.Record or ValueKind.Enum or ValueKind.Union => type.FullName.Substring(type.FullName.LastIndexOf('.') + 1),
        ValueKind.Array => BranchName(type.Element!) + "List",
        ValueKind.Map => BranchName(type.Element!) + "Map",
        ValueKind.UnixTime => "DateTimeOffset",
        ValueKind.Binary => "Bytes",
        ValueKind.Any => "Json",
        _ => type.Kind.ToString(),
    };

    private EquatableArray<EnumMemberModel> Members(RawType type, string typeName)
    {
        // As for properties: reserved names get the Value suffix before Unique sees them.
        var used = _members;
        used.Clear();
        used.Add(typeName);
        var result = new EnumMemberModel[type.EnumValues.Count];
        for (int i = 0; i < type.EnumValues.Count; i++)
        {
            string value = type.EnumValues[i];
            string? given = i < type.EnumNames.Count ? type.EnumNames[i] : null;
            string candidate = given is not null ? Pascal(given)
                : type.IsIntegerEnum ? "Value" + Pascal(value).TrimStart('_')
                : Pascal(value);
            if (candidate.Length == 0) candidate = value.Length == 0 ? "Empty" : "Value";
            if (candidate == typeName || EnumReserved.Contains(candidate)) candidate += "Value";
            string name = Unique(candidate, used);
            if (name != candidate) _diagnostics.Add(DiagnosticDescriptors.NameCollision, type.Pointer, value, candidate, name);
            result[i] = new EnumMemberModel(name, value, null);
        }
        return new EquatableArray<EnumMemberModel>(result);
    }

    private TypeRef Ref(RawUse use)
    {
        var element = use.Element is null ? null : Ref(use.Element);
        return use.Kind switch
        {
            ValueKind.String or ValueKind.Int32 or ValueKind.Int64 or ValueKind.Single or ValueKind.Double or ValueKind.Boolean
                or ValueKind.DateTimeOffset or ValueKind.UnixTime or ValueKind.DateOnly or ValueKind.Guid
                or ValueKind.Bytes or ValueKind.Binary or ValueKind.Any => Primitive(use.Kind, use.Nullable),
            ValueKind.Record => new TypeRef(use.Kind, Qualified(use.Target!), false, use.Nullable, null),
            ValueKind.Enum => new TypeRef(use.Kind, Qualified(use.Target!), true, use.Nullable, null),
            ValueKind.Union => new TypeRef(use.Kind, Qualified(use.Target!), false, use.Nullable, null),
            ValueKind.Array => new TypeRef(use.Kind, "global::System.Collections.Generic.IReadOnlyList<" + element!.Declaration + ">", false, use.Nullable, element),
            ValueKind.Map => new TypeRef(use.Kind, "global::System.Collections.Generic.IReadOnlyDictionary<string, " + element!.Declaration + ">", false, use.Nullable, element),
            _ => throw new InvalidOperationException("Unknown value kind " + use.Kind),
        };
    }

    /// <summary><see cref="Identifier.ToPascalCase"/> once per distinct name: the same property names recur in thousands of types.</summary>
    private string Pascal(string name)
    {
        if (!_pascal.TryGetValue(name, out var pascal)) _pascal.Add(name, pascal = Identifier.ToPascalCase(name));
        return pascal;
    }

    private string Qualified(RawType type)
    {
        if (!_qualified.TryGetValue(type, out var name)) _qualified.Add(type, name = "global::" + _namespace + "." + _typeNames[type]);
        return name;
    }

    /// <summary>Uses of types that are not generated (string, long, DateTimeOffset…): one shared instance per kind and nullability, as a model holds tens of thousands of them.</summary>
    private static readonly Dictionary<(ValueKind, bool), TypeRef> Primitives = CreatePrimitives();

    private static TypeRef Primitive(ValueKind kind, bool nullable) => Primitives[(kind, nullable)];

    private static Dictionary<(ValueKind, bool), TypeRef> CreatePrimitives()
    {
        var primitives = new Dictionary<(ValueKind, bool), TypeRef>();
        foreach (bool nullable in new[] { false, true })
        {
            void Add(ValueKind kind, string name, bool isValueType) => primitives.Add((kind, nullable), new TypeRef(kind, name, isValueType, nullable, null));
            Add(ValueKind.String, "string", false);
            Add(ValueKind.Int32, "int", true);
            Add(ValueKind.Int64, "long", true);
            Add(ValueKind.Single, "float", true);
            Add(ValueKind.Double, "double", true);
            Add(ValueKind.Boolean, "bool", true);
            Add(ValueKind.DateTimeOffset, "global::System.DateTimeOffset", true);
            Add(ValueKind.UnixTime, "global::System.DateTimeOffset", true);
            Add(ValueKind.DateOnly, "global::System.DateOnly", true);
            Add(ValueKind.Guid, "global::System.Guid", true);
            Add(ValueKind.Bytes, "byte[]", false);
            Add(ValueKind.Binary, "byte[]", false);
            Add(ValueKind.Any, "global::System.Text.Json.JsonElement", true);
        }
        return primitives;
    }

    /// <summary>Claims a namespace-level name and the names generated beside it (converter, extensions), case-insensitively.</summary>
    /// <param name="qualifier">A word tried after <paramref name="baseName"/> before any number (see RawType.Qualifier).</param>
    private string Claim(string baseName, string pointer, string[] suffixes, string? original = null, string[]? prefixed = null, bool claimBase = true, string? qualifier = null)
    {
        // "IClient" in prefixed means the name "I{name}Client": the interfaces beside a claimed name.
        var derived = prefixed is null ? suffixes : suffixes.Concat(prefixed.Select(p => "\0" + p)).ToArray();
        string numbered = qualifier is not null && !IsFree(baseName, derived, claimBase) ? baseName + qualifier : baseName;
        string name = numbered;
        for (int n = 2; !IsFree(name, derived, claimBase); n++)
        {
            name = numbered + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (claimBase) _claimed.Add(name);
        foreach (var suffix in derived) _claimed.Add(Derived(name, suffix));
        if (name != baseName && original is not null)
        {
            _diagnostics.Add(DiagnosticDescriptors.NameCollision, pointer, original, baseName, name);
        }
        return name;
    }

    private bool IsFree(string name, string[] derived, bool claimBase = true)
    {
        if (claimBase && _claimed.Contains(name)) return false;
        foreach (var suffix in derived)
        {
            if (_claimed.Contains(Derived(name, suffix))) return false;
        }
        return true;
    }

    /// <summary>A suffix ("JsonConverter" → "UploadJsonConverter"), or with a leading \0 an interface ("IClient" → "IUploadsClient").</summary>
    private static string Derived(string name, string suffix) =>
        suffix.Length > 1 && suffix[0] == '\0' ? suffix.Substring(1, 1) + name + suffix.Substring(2) : name + suffix;

    private static string Unique(string candidate, HashSet<string> used)
    {
        string name = candidate;
        for (int n = 2; !used.Add(name); n++)
        {
            name = candidate + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return name;
    }
}
