using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Turns OpenAPI.NET schemas into raw types and type uses, each component on its own: a $ref stays a name for
/// <see cref="ComponentLinker"/> to link. Reads the raw JSON tree for what OpenAPI.NET 3.11 drops: <c>nullable: true</c>
/// in 3.1 documents (left in unrecognized keywords) and next to a typeless <c>allOf</c> in 3.0 documents (the shape of
/// OpenAI's <c>Upload.file</c>).
/// </summary>
internal sealed class SchemaReader
{
    private readonly SpecSource _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly IDictionary<string, IOpenApiSchema> _components;
    private readonly string _componentsPointer;
    private readonly JsonObject? _componentsRaw;
    private readonly List<RawType> _types;
    private readonly CancellationToken _cancellationToken;

    public SchemaReader(
        SpecSource source,
        DiagnosticBag diagnostics,
        IDictionary<string, IOpenApiSchema>? components,
        string componentsPointer,
        List<RawType> types,
        CancellationToken cancellationToken)
    {
        _source = source;
        _diagnostics = diagnostics;
        _components = components ?? new Dictionary<string, IOpenApiSchema>();
        _componentsPointer = componentsPointer;
        _componentsRaw = source.RawAt(componentsPointer) as JsonObject;
        _types = types;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Reads every component schema in ordinal order, so names and output are deterministic.</summary>
    public void ReadComponents()
    {
        foreach (var key in _components.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            try
            {
                ReadComponent(key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken schema costs that schema only.
                _diagnostics.Add(DiagnosticDescriptors.InternalError, JsonPointer.Append(_componentsPointer, key), "schema '" + key + "'", ex.Message);
            }
        }
    }

    /// <summary>
    /// Reads the component <paramref name="key"/> as it is, without the components it refers to (see
    /// <see cref="ComponentLinker"/>).
    /// </summary>
    private void ReadComponent(string key)
    {
        var at = new Place(JsonPointer.Append(_componentsPointer, key), _componentsRaw?[key]);
        string pointer = at.Pointer;
        var schema = _components[key];
        if (schema is null)
        {
            // A component that is not a schema object (a string, a number...): OpenAPI.NET keeps the key with a null value.
            _diagnostics.Add(DiagnosticDescriptors.DocumentError, pointer, "the schema '" + key + "' is not an object; JsonElement is generated for it");
            Components[key] = RawUse.Of(ValueKind.Any, nullable: true);
            return;
        }
        bool nullable = IsNullable(schema, at);
        if (IsRecordLike(schema))
        {
            var type = NewType(RawTypeKind.Record, schema, pointer, new[] { key }, isComponent: true);
            Components[key] = new RawUse(ValueKind.Record, nullable, type);
            FillRecord(type, schema, at);
        }
        else if (IsUnionLike(schema))
        {
            var union = NewType(RawTypeKind.Union, schema, pointer, new[] { key }, isComponent: true);
            FillUnion(union, schema, at);
            Components[key] = UnionUse(union, nullable || IsNullableUnion(schema));
        }
        else
        {
            Components[key] = Use(schema, at, new[] { key }, isComponent: true);
        }
    }

    /// <summary>What each component schema was read as, by its key: links still to be made (see <see cref="ComponentLinker"/>).</summary>
    public Dictionary<string, RawUse> Components { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How deep <see cref="Use"/> may recurse through inline schemas (and <see cref="ComponentLinker"/> along chains of
    /// components) before the schema there becomes JsonElement. Each level costs a few kilobytes of stack; a stack
    /// overflow cannot be caught and kills the compiler or the IDE (a chain of about 220 components overflowed a 1 MB
    /// stack, when reading followed $refs). The limit is deterministic (output must not depend on the host's stack
    /// size); the stack probe is a backstop.
    /// </summary>
    internal const int MaxSchemaDepth = 160;

    private int _depth;

    /// <summary>
    /// The C# shape of a schema used at <paramref name="pointer"/> (under an operation, perhaps through a $ref to a
    /// response or parameter in components); inline types are named from <paramref name="nameParts"/>. Its text is
    /// read at <paramref name="rawPointer"/> when that differs (a Swagger 2.0 document, see OperationReader).
    /// </summary>
    public RawUse Use(IOpenApiSchema schema, string pointer, string[] nameParts, string? qualifier = null, string? rawPointer = null)
    {
        var use = Use(schema, new Place(pointer, _source.RawThroughReferences(rawPointer ?? pointer)), nameParts);
        if (qualifier is not null && use.Target is { IsComponent: false } type && ReferenceEquals(type.NameParts, nameParts)) type.Qualifier = qualifier;
        return use;
    }

    /// <summary>The local $ref the tree has at <paramref name="pointer"/> (an operation using a component), or null.</summary>
    public string? ReferenceAt(string pointer) => _source.RawThroughReferences(pointer) is JsonObject obj ? SpecSource.LocalReference(obj) : null;

    /// <summary>The tree's node at <paramref name="pointer"/>, through local $refs.</summary>
    public JsonNode? RawAt(string pointer) => _source.RawThroughReferences(pointer);

    private RawUse Use(IOpenApiSchema schema, Place at, string[] nameParts, bool isComponent = false)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        // OpenAPI.NET keeps a schema that is null (`today:` with no value, as in a truncated 3.0 document) as a null
        // entry and reports it (OAG002 "Schema property today is null"): it is a free-form value, not a crash.
        if (schema is null) return RawUse.Of(ValueKind.Any, nullable: true);
        if (!WithinDepth(_depth, at.Pointer, _diagnostics)) return RawUse.Of(ValueKind.Any, nullable: true);
        _depth++;
        try
        {
            return UseCore(schema, at, nameParts, isComponent);
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>
    /// Whether a schema <paramref name="depth"/> levels down (inline, or along a chain of components in
    /// <see cref="ComponentLinker"/>) may still be read; else it is reported at <paramref name="pointer"/> (OAG008).
    /// </summary>
    internal static bool WithinDepth(int depth, string pointer, DiagnosticBag diagnostics)
    {
        if (depth < MaxSchemaDepth && HasStackToSpare()) return true;
        diagnostics.Add(
            DiagnosticDescriptors.UnsupportedConstruct,
            pointer,
            "Schema nesting deeper than " + MaxSchemaDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels (inline schemas and chains of $refs between components)",
            "JsonElement");
        return false;
    }

    private static bool HasStackToSpare()
    {
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    private RawUse UseCore(IOpenApiSchema schema, Place at, string[] nameParts, bool isComponent)
    {
        string pointer = at.Pointer;
        bool nullable = IsNullable(schema, at);

        if (schema is OpenApiSchemaReference reference)
        {
            string? id = reference.Reference?.Id;
            string text = reference.Reference?.ReferenceV3 ?? "(empty)";
            if (id is null || reference.Reference!.IsExternal)
            {
                _diagnostics.Add(DiagnosticDescriptors.UnresolvedReference, JsonPointer.Append(pointer, "$ref"), text, "JsonElement");
                return RawUse.Of(ValueKind.Any, nullable: true);
            }
            // Whether the component exists, and what it is, the linker finds out (see ComponentLinker).
            return RawUse.To(new RawReference(id, JsonPointer.Append(pointer, "$ref"), text), nullable);
        }

        if (schema.AllOf is { Count: > 0 } allOf)
        {
            var structural = new List<int>();
            for (int i = 0; i < allOf.Count; i++)
            {
                if (IsAnnotationOnly(allOf[i])) nullable |= IsNullable(allOf[i], at.Child("allOf", i));
                else structural.Add(i);
            }
            if (structural.Count == 1 && !HasOwnStructure(schema))
            {
                int index = structural[0];
                return Use(allOf[index], at.Child("allOf", index), nameParts).OrNullable(nullable);
            }
            if (structural.Count > 1 || HasOwnStructure(schema))
            {
                return DefineRecord(schema, at, nameParts, isComponent, nullable);
            }
        }

        var alternatives = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf;
        string alternativesKeyword = schema.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
        if (alternatives is { Count: > 0 })
        {
            var branches = new List<int>();
            for (int i = 0; i < alternatives.Count; i++)
            {
                if (IsNullType(alternatives[i])) nullable = true;
                else branches.Add(i);
            }
            if (branches.Count == 0) return RawUse.Of(ValueKind.Any, nullable: true);
            if (branches.Count == 1 && !HasOwnStructure(schema))
            {
                int index = branches[0];
                return Use(alternatives[index], at.Child(alternativesKeyword, index), nameParts).OrNullable(nullable);
            }
            if (!HasOwnStructure(schema))
            {
                var union = NewType(RawTypeKind.Union, schema, pointer, nameParts, isComponent);
                FillUnion(union, schema, at);
                return UnionUse(union, nullable);
            }
        }

        var type = schema.Type;
        if (type.HasValue && (type.Value & JsonSchemaType.Null) != 0)
        {
            nullable = true;
            type = type.Value & ~JsonSchemaType.Null;
            if (type == 0) type = null;
        }

        if (schema.Enum is { Count: > 0 } values && (type is null || type == JsonSchemaType.String))
        {
            var strings = new List<string>();
            bool allStrings = true;
            foreach (var value in values)
            {
                if (value is null || JsonNullSentinel.IsJsonNullSentinel(value) || value.GetValueKind() == JsonValueKind.Null) nullable = true;
                else if (value.GetValueKind() == JsonValueKind.String) strings.Add(value.GetValue<string>());
                else allStrings = false;
            }
            if (allStrings && strings.Count > 0)
            {
                var distinct = strings.Distinct(StringComparer.Ordinal).ToList();
                if (distinct.Count == 1) return new RawUse(ValueKind.String, nullable, ConstValue: distinct[0]);
                var enumType = NewType(RawTypeKind.Enum, schema, pointer, nameParts, isComponent);
                enumType.EnumValues.AddRange(distinct);
                AddEnumNames(enumType, strings, at);
                return new RawUse(ValueKind.Enum, nullable, enumType);
            }
        }

        if (schema.Enum is { Count: > 1 } numbers && type == JsonSchemaType.Integer)
        {
            var integers = new List<string>();
            foreach (var value in numbers)
            {
                if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && long.TryParse(number.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long parsed))
                {
                    integers.Add(parsed.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                else if (value is null || JsonNullSentinel.IsJsonNullSentinel(value) || value.GetValueKind() == JsonValueKind.Null)
                {
                    nullable = true;
                }
                else
                {
                    integers.Clear();
                    break;
                }
            }
            var distinct = integers.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 1)
            {
                var enumType = NewType(RawTypeKind.Enum, schema, pointer, nameParts, isComponent);
                enumType.IsIntegerEnum = true;
                enumType.EnumValues.AddRange(distinct);
                AddEnumNames(enumType, integers, at);
                return new RawUse(ValueKind.Enum, nullable, enumType);
            }
        }

        if (schema.Const is { } constValue && (type is null || type == JsonSchemaType.String) && IsStringConst(at))
        {
            return new RawUse(ValueKind.String, nullable, ConstValue: constValue);
        }

        switch (type)
        {
            case null:
                if (schema.Properties is { Count: > 0 }) return DefineRecord(schema, at, nameParts, isComponent, nullable);
                if (schema.Items is not null) return ArrayOf(schema, at, nameParts, nullable);
                if (schema.AdditionalProperties is not null) return MapOf(schema, at, nameParts, nullable);
                return RawUse.Of(ValueKind.Any, nullable);
            case JsonSchemaType.String:
                return RawUse.Of(StringKind(schema.Format), nullable);
            case JsonSchemaType.Integer:
                var integer = IntegerKind(schema.Format);
                if (integer == ValueKind.Int32 && FirstOutOfInt32Range(at) is { } misfit)
                {
                    _diagnostics.Add(DiagnosticDescriptors.ExampleDoesNotFit, JsonPointer.Append(pointer, misfit.Keyword), misfit.Keyword, misfit.Value, "int32");
                    integer = ValueKind.Int64;
                }
                return RawUse.Of(integer, nullable);
            case JsonSchemaType.Number:
                return RawUse.Of(schema.Format == "float" ? ValueKind.Single : ValueKind.Double, nullable);
            case JsonSchemaType.Boolean:
                return RawUse.Of(ValueKind.Boolean, nullable);
            case JsonSchemaType.Array:
                return ArrayOf(schema, at, nameParts, nullable);
            case JsonSchemaType.Object:
                if (schema.Properties is { Count: > 0 }) return DefineRecord(schema, at, nameParts, isComponent, nullable);
                if (schema.AdditionalProperties is not null) return MapOf(schema, at, nameParts, nullable);
                return RawUse.Of(ValueKind.Any, nullable);
            default:
                // A 3.1 type array such as [string, integer]: a union with one branch per type.
                var several = NewType(RawTypeKind.Union, schema, pointer, nameParts, isComponent);
                foreach (var single in new[] { JsonSchemaType.Boolean, JsonSchemaType.Integer, JsonSchemaType.Number, JsonSchemaType.String, JsonSchemaType.Array, JsonSchemaType.Object })
                {
                    if ((type.Value & single) == 0) continue;
                    several.Branches.Add(single switch
                    {
                        JsonSchemaType.Boolean => RawUse.Of(ValueKind.Boolean),
                        JsonSchemaType.Integer => RawUse.Of(IntegerKind(schema.Format)),
                        JsonSchemaType.Number => RawUse.Of(schema.Format == "float" ? ValueKind.Single : ValueKind.Double),
                        JsonSchemaType.String => RawUse.Of(StringKind(schema.Format)),
                        JsonSchemaType.Array => ArrayOf(schema, at, nameParts, nullable: false),
                        _ => schema.Properties is { Count: > 0 } ? DefineRecord(schema, at, Concat(nameParts, "Object"), isComponent: false, nullable: false)
                            : schema.AdditionalProperties is not null ? MapOf(schema, at, nameParts, nullable: false)
                            : RawUse.Of(ValueKind.Any),
                    });
                }
                return UnionUse(several, nullable);
        }
    }

    /// <summary>
    /// The branches of a oneOf/anyOf in document order ({type: null} only makes the union nullable), and with a
    /// discriminator the value that picks each branch: the mapping, else the branch's const, else its schema name.
    /// </summary>
    private void FillUnion(RawType union, IOpenApiSchema schema, Place at)
    {
        var alternatives = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf!;
        string keyword = schema.OneOf is { Count: > 0 } ? "oneOf" : "anyOf";
        for (int i = 0; i < alternatives.Count; i++)
        {
            var alternative = alternatives[i];
            if (IsNullType(alternative)) continue;
            // A reference's title is its target's, found again by OpenAPI.NET on every read of it: asked only of inline schemas.
            string hint = alternative is not OpenApiSchemaReference && !string.IsNullOrWhiteSpace(alternative.Title)
                ? alternative.Title!
                : "Option" + (union.Branches.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var branch = Use(alternative, at.Child(keyword, i), Concat(union.NameParts, hint));
            branch = branch with { Nullable = false };
            if (!union.Branches.Contains(branch)) union.Branches.Add(branch);
        }

        if (schema.Discriminator?.PropertyName is not { Length: > 0 } property) return;
        union.DiscriminatorProperty = property;
        if (schema.Discriminator.Mapping is { } explicitMapping)
        {
            foreach (var pair in explicitMapping)
            {
                string? id = pair.Value?.Reference?.Id;
                if (id is not null) union.ExplicitMapping.Add((pair.Key, id));
            }
        }
    }

    /// <summary>A union of one branch is that branch; with a discriminator, or branches that may turn out alike, the linker decides.</summary>
    private RawUse UnionUse(RawType union, bool nullable)
    {
        if (union.Branches.Count != 1 || union.DiscriminatorProperty is not null) return new RawUse(ValueKind.Union, nullable, union);
        _types.Remove(union);
        return union.Branches[0].OrNullable(nullable);
    }

    /// <summary>Member names from x-enum-varnames (openapi-generator) or x-enumNames (NSwag) when they match the values one to one.</summary>
    private static void AddEnumNames(RawType enumType, List<string> allValues, Place at)
    {
        var raw = at.Raw as JsonObject;
        JsonArray? names = null;
        if (raw?.TryGetPropertyValue("x-enum-varnames", out var varnames) == true) names = varnames as JsonArray;
        else if (raw?.TryGetPropertyValue("x-enumNames", out var enumNames) == true) names = enumNames as JsonArray;
        foreach (var value in enumType.EnumValues)
        {
            int index = allValues.IndexOf(value);
            string? name = names is not null && names.Count == allValues.Count && names[index] is JsonValue text && text.GetValueKind() == JsonValueKind.String
                ? text.GetValue<string>()
                : null;
            enumType.EnumNames.Add(name);
        }
    }

    private RawUse ArrayOf(IOpenApiSchema schema, Place at, string[] nameParts, bool nullable)
    {
        var element = schema.Items is null
            ? RawUse.Of(ValueKind.Any)
            : Use(schema.Items, at.Child("items"), Concat(nameParts, "Item"));
        return new RawUse(ValueKind.Array, nullable, Element: element);
    }

    private RawUse MapOf(IOpenApiSchema schema, Place at, string[] nameParts, bool nullable)
    {
        var value = Use(schema.AdditionalProperties!, at.Child("additionalProperties"), Concat(nameParts, "Value"));
        return new RawUse(ValueKind.Map, nullable, Element: value);
    }

    private RawUse DefineRecord(IOpenApiSchema schema, Place at, string[] nameParts, bool isComponent, bool nullable)
    {
        var type = NewType(RawTypeKind.Record, schema, at.Pointer, nameParts, isComponent);
        FillRecord(type, schema, at);
        return new RawUse(ValueKind.Record, nullable, type);
    }

    private RawType NewType(RawTypeKind kind, IOpenApiSchema schema, string pointer, string[] nameParts, bool isComponent)
    {
        var type = new RawType(kind, pointer, nameParts, isComponent)
        {
            Description = schema is OpenApiSchemaReference ? null : schema.Description ?? schema.Title,
            Deprecated = schema.Deprecated,
        };
        _types.Add(type);
        return type;
    }

    /// <summary>
    /// Properties of an object schema. With <c>allOf</c>, its parts' properties and the components it inherits are
    /// kept in order for the linker to merge (see <see cref="RawType.Merge"/>).
    /// </summary>
    private void FillRecord(RawType type, IOpenApiSchema schema, Place at)
    {
        if (schema.AllOf is not { Count: > 0 } allOf)
        {
            // Without allOf the properties come from one map (none replaces another) and the required names are the schema's own.
            AddOwnProperties(type, schema, at, type.Properties.Add);
            if (schema.Required is not { Count: > 0 } required) return;
            foreach (var property in type.Properties)
            {
                if (required.Contains(property.WireName)) property.Required = true;
            }
            foreach (var name in required.OrderBy(n => n, StringComparer.Ordinal))
            {
                if (schema.Properties?.ContainsKey(name) != true)
                {
                    _diagnostics.Add(DiagnosticDescriptors.RequiredNotAProperty, JsonPointer.Append(at.Pointer, "required"), string.Join(".", type.NameParts), name);
                }
            }
            return;
        }

        var pieces = new List<RawPiece>();
        var requiredNames = new HashSet<string>(StringComparer.Ordinal);
        void Add(RawProperty property) => pieces.Add(new RawPiece(property, null, property.Pointer));
        for (int i = 0; i < allOf.Count; i++)
        {
            var partAt = at.Child("allOf", i);
            var part = allOf[i];
            if (part is OpenApiSchemaReference)
            {
                var use = Use(part, partAt, type.NameParts);
                if (use.Reference is { } inherited) pieces.Add(new RawPiece(null, inherited, partAt.Pointer));
                continue;
            }
            if (part.Required is { } partRequired) requiredNames.UnionWith(partRequired);
            AddOwnProperties(type, part, partAt, Add);
        }
        if (schema.Required is { } ownRequired) requiredNames.UnionWith(ownRequired);
        AddOwnProperties(type, schema, at, Add);
        type.Merge = pieces;
        type.MergeRequired = requiredNames;
        type.DeclaredRequired = schema.Required?.OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    private void AddOwnProperties(RawType type, IOpenApiSchema schema, Place at, Action<RawProperty> add)
    {
        if (schema.Properties is not { Count: > 0 } properties) return;
        var rawProperties = at.RawMember("properties");
        foreach (var pair in properties)
        {
            var propertyAt = at.Child("properties", pair.Key, rawProperties);
            var use = Use(pair.Value, propertyAt, Concat(type.NameParts, pair.Key));
            add(new RawProperty(pair.Key, use, propertyAt.Pointer)
            {
                Description = DescriptionOf(pair.Value, propertyAt),
                Deprecated = IsTrue(propertyAt.Raw, "deprecated"),
            });
        }
    }

    /// <summary>A property's own description: its sibling description for a $ref, the annotation part's for an allOf wrapper.</summary>
    private static string? DescriptionOf(IOpenApiSchema schema, Place at)
    {
        if (schema is null) return null;
        if (schema is not OpenApiSchemaReference && !string.IsNullOrWhiteSpace(schema.Description)) return schema.Description;
        var raw = at.Raw as JsonObject;
        if (raw is null) return null;
        if (raw.TryGetPropertyValue("description", out var description) && description is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        if (raw.TryGetPropertyValue("allOf", out var parts) && parts is JsonArray array)
        {
            foreach (var part in array)
            {
                if (part is JsonObject partObject && !partObject.ContainsKey("$ref")
                    && partObject.TryGetPropertyValue("description", out var partDescription)
                    && partDescription is JsonValue partValue && partValue.GetValueKind() == JsonValueKind.String)
                {
                    return partValue.GetValue<string>();
                }
            }
        }
        return null;
    }

    private static bool IsNullable(IOpenApiSchema schema, Place at)
    {
        if (schema is not OpenApiSchemaReference && schema.Type.HasValue && (schema.Type.Value & JsonSchemaType.Null) != 0) return true;
        var raw = at.Raw;
        return IsTrue(raw, "nullable") || IsTrue(raw, "x-nullable");
    }

    private static bool IsTrue(JsonNode? node, string keyword) =>
        node is JsonObject obj && obj.TryGetPropertyValue(keyword, out var value) && value is JsonValue v
        && v.GetValueKind() == JsonValueKind.True;

    private static bool IsStringConst(Place at) =>
        at.Raw is JsonObject obj && obj.TryGetPropertyValue("const", out var value)
        && value is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    /// <summary>An example, default or enum value of an int32 schema that int cannot hold (OpenAI's bytes: 2147483648).</summary>
    private static (string Keyword, string Value)? FirstOutOfInt32Range(Place at)
    {
        static bool Fits(JsonNode? node) =>
            node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number
            || (double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number)
                && number >= int.MinValue && number <= int.MaxValue);

        if (at.Raw is not JsonObject raw) return null;
        foreach (var keyword in new[] { "example", "default", "examples", "enum" })
        {
            if (!raw.TryGetPropertyValue(keyword, out var node)) continue;
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    if (!Fits(item)) return (keyword, item!.ToJsonString());
                }
            }
            else if (!Fits(node))
            {
                return (keyword, node!.ToJsonString());
            }
        }
        return null;
    }

    private static bool IsRecordLike(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference) return false;
        var type = schema.Type & ~JsonSchemaType.Null;
        bool objectType = type is null || type == 0 || type == JsonSchemaType.Object;
        if (!objectType) return false;
        if (schema.Properties is { Count: > 0 }) return true;
        if (schema.AllOf is { Count: > 1 }) return true;
        return false;
    }

    private static bool IsUnionLike(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchemaReference || HasOwnStructure(schema) || schema.AllOf is { Count: > 0 }) return false;
        var alternatives = schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf;
        return alternatives is not null && alternatives.Count(a => !IsNullType(a)) > 1;
    }

    private static bool IsNullableUnion(IOpenApiSchema schema) =>
        (schema.OneOf is { Count: > 0 } ? schema.OneOf : schema.AnyOf)?.Any(IsNullType) == true;

    private static bool HasOwnStructure(IOpenApiSchema schema) => schema.Properties is { Count: > 0 };

    /// <summary>An allOf part that only annotates (nullable, description, title, default...) and adds no structure.</summary>
    private static bool IsAnnotationOnly(IOpenApiSchema part) =>
        part is not OpenApiSchemaReference
        && (part.Type is null || part.Type == JsonSchemaType.Null)
        && part.Properties is not { Count: > 0 }
        && part.AllOf is not { Count: > 0 }
        && part.AnyOf is not { Count: > 0 }
        && part.OneOf is not { Count: > 0 }
        && part.Items is null
        && part.AdditionalProperties is null
        && part.Enum is not { Count: > 0 }
        && part.Const is null;

    private static bool IsNullType(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference && schema.Type == JsonSchemaType.Null;

    private static ValueKind StringKind(string? format) => format switch
    {
        "date-time" => ValueKind.DateTimeOffset,
        "date" => ValueKind.DateOnly,
        "uuid" => ValueKind.Guid,
        "byte" => ValueKind.Bytes,
        "binary" => ValueKind.Binary,
        _ => ValueKind.String,
    };

    private static ValueKind IntegerKind(string? format) => format switch
    {
        "int32" => ValueKind.Int32,
        "unixtime" => ValueKind.UnixTime,
        _ => ValueKind.Int64,
    };

    private static string[] Concat(string[] parts, string last)
    {
        var result = new string[parts.Length + 1];
        Array.Copy(parts, result, parts.Length);
        result[parts.Length] = last;
        return result;
    }

    /// <summary>
    /// Where a schema is: its JSON pointer (for diagnostics) and its node in the raw tree (for the keywords OpenAPI.NET
    /// drops), found from its parent's node as the pointer grows instead of looked up by pointer each time.
    /// </summary>
    private readonly struct Place
    {
        public Place(string pointer, JsonNode? raw)
        {
            Pointer = pointer;
            Raw = raw;
        }

        public string Pointer { get; }

        public JsonNode? Raw { get; }

        public Place Child(string keyword) => new(JsonPointer.Append(Pointer, keyword), RawMember(keyword));

        public Place Child(string keyword, int index) =>
            new(JsonPointer.Append(Pointer, keyword, index), RawMember(keyword) is JsonArray items && index < items.Count ? items[index] : null);

        /// <summary>The node of <paramref name="keyword"/> alone, for a caller that makes its children's places itself.</summary>
        public JsonNode? RawMember(string keyword) => Member(Raw, keyword);

        /// <summary>The member <paramref name="key"/> of <paramref name="keyword"/>, whose node the caller already holds.</summary>
        public Place Child(string keyword, string key, JsonNode? keywordNode) => new(JsonPointer.Append(Pointer, keyword, key), Member(keywordNode, key));

        private static JsonNode? Member(JsonNode? node, string key) => node is JsonObject obj && obj.TryGetPropertyValue(key, out var member) ? member : null;
    }
}
