using System;
using System.Collections.Generic;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

// The parse step's working model, still in OpenAPI names. It never leaves the parse step:
// the naming pass turns it into the equatable ApiModel.

internal enum RawTypeKind
{
    Record,
    Enum,
    Union,
}

internal sealed class RawType
{
    public RawType(RawTypeKind kind, string pointer, string[] nameParts, bool isComponent)
    {
        Kind = kind;
        Pointer = pointer;
        NameParts = nameParts;
        IsComponent = isComponent;
    }

    public RawTypeKind Kind { get; }

    public string Pointer { get; }

    public string[] NameParts { get; }

    public bool IsComponent { get; }

    /// <summary>
    /// A word the naming pass adds, before a number, when the name is taken: a shared parameter's enum named
    /// <c>Order</c> beside an <c>Order</c> schema becomes <c>OrderParameter</c>, not <c>Order2</c>.
    /// </summary>
    public string? Qualifier { get; set; }

    public string? Description { get; set; }

    public bool Deprecated { get; set; }

    public List<RawProperty> Properties { get; } = new();

    public List<string> EnumValues { get; } = new();

    /// <summary>Member names given by the document (x-enum-varnames / x-enumNames), parallel to <see cref="EnumValues"/>.</summary>
    public List<string?> EnumNames { get; } = new();

    /// <summary>An integer enum: <see cref="EnumValues"/> hold the numbers in invariant text.</summary>
    public bool IsIntegerEnum { get; set; }

    /// <summary>Union branches, in the order they are tried.</summary>
    public List<RawUse> Branches { get; } = new();

    public string? Discriminator { get; set; }

    /// <summary>Discriminator value → index into <see cref="Branches"/>.</summary>
    public List<(string Value, int Branch)> Mapping { get; } = new();

    /// <summary>
    /// A record made with allOf, as read: its own and its inline parts' properties and the components it inherits, in
    /// order. The linker replays them into <see cref="Properties"/> (a later property replaces an earlier one of the
    /// same wire name), then marks <see cref="MergeRequired"/>. Null for a record without allOf.
    /// </summary>
    public List<RawPiece>? Merge { get; set; }

    /// <summary>The required names of an allOf record: its own and its inline parts'.</summary>
    public HashSet<string>? MergeRequired { get; set; }

    /// <summary>The names an allOf record's own <c>required</c> lists, each checked against the merged properties.</summary>
    public List<string>? DeclaredRequired { get; set; }

    /// <summary>A union's discriminator property as read, before the linker finds each branch's value.</summary>
    public string? DiscriminatorProperty { get; set; }

    /// <summary>A union's explicit discriminator mapping as read: value → component.</summary>
    public List<(string Value, string Component)> ExplicitMapping { get; } = new();
}

/// <summary>One step of an allOf record's merge: a property of its own or of an inline part, or a component it inherits.</summary>
internal sealed record RawPiece(RawProperty? Property, RawReference? Inherits, string Pointer);

/// <summary>
/// A $ref to the component schema <see cref="Key"/>, found at <see cref="Pointer"/> (of the <c>$ref</c> keyword) as
/// <see cref="Text"/>: where to report it when no such component is read. Two references to one component are the
/// same reference, wherever they are.
/// </summary>
internal sealed record RawReference(string Key, string Pointer, string Text)
{
    public bool Equals(RawReference? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}

internal sealed class RawProperty
{
    public RawProperty(string wireName, RawUse type, string pointer)
    {
        WireName = wireName;
        Type = type;
        Pointer = pointer;
    }

    public string WireName { get; }

    /// <summary>As read, then as linked (see <see cref="ComponentLinker"/>).</summary>
    public RawUse Type { get; set; }

    public string Pointer { get; }

    public bool Required { get; set; }

    public string? Description { get; set; }

    public bool Deprecated { get; set; }

    /// <summary>A copy for a record that extends this one's (allOf): what that record then changes (required) stays its own.</summary>
    public RawProperty Copy() => new(WireName, Type, Pointer) { Required = Required, Description = Description, Deprecated = Deprecated };
}

/// <summary>
/// How a schema is used. As read, a $ref to a component is only its name (<see cref="Reference"/>): what the component
/// is becomes known when <see cref="ComponentLinker"/> links the document, so a component is read without the ones it
/// refers to.
/// </summary>
internal sealed record RawUse(ValueKind Kind, bool Nullable, RawType? Target = null, RawUse? Element = null, string? ConstValue = null, RawReference? Reference = null)
{
    /// <summary>A $ref to a component schema, not linked yet.</summary>
    public static RawUse To(RawReference reference, bool nullable) => new(ValueKind.Any, nullable, Reference: reference);

    /// <summary>A use with nothing but its kind: one shared instance per kind and nullability (records are immutable).</summary>
    public static RawUse Of(ValueKind kind, bool nullable = false) => Plain[((int)kind * 2) + (nullable ? 1 : 0)];

    private static readonly RawUse[] Plain = CreatePlain();

    private static RawUse[] CreatePlain()
    {
        var values = (ValueKind[])System.Enum.GetValues(typeof(ValueKind));
        int count = 0;
        foreach (var value in values) count = System.Math.Max(count, (int)value + 1);
        var plain = new RawUse[count * 2];
        for (int i = 0; i < plain.Length; i++) plain[i] = new RawUse((ValueKind)(i / 2), i % 2 == 1);
        return plain;
    }

    public RawUse OrNullable(bool nullable) => nullable && !Nullable ? this with { Nullable = true } : this;
}

internal sealed class RawDocument
{
    public RawDocument(string title)
    {
        Title = title;
    }

    public string Title { get; }

    public List<RawType> Types { get; } = new();

    public List<RawOperation> Operations { get; } = new();

    public List<RawSecurityScheme> SecuritySchemes { get; } = new();

    public string? ServerUrl { get; set; }
}

internal sealed class RawOperation
{
    public RawOperation(string pointer, string method, string path, string nameSeed)
    {
        Pointer = pointer;
        Method = method;
        Path = path;
        NameSeed = nameSeed;
    }

    public string Pointer { get; }

    public string Method { get; }

    public string Path { get; }

    /// <summary>The operationId, or "{method} {path}" when there is none.</summary>
    public string NameSeed { get; }

    public string? OperationId { get; set; }

    public string? Tag { get; set; }

    public string? Summary { get; set; }

    public bool Deprecated { get; set; }

    public List<RawParameter> Parameters { get; } = new();

    public RawBody? Body { get; set; }

    public RawResponse Success { get; set; } = new(200, ResponseKind.None, null);

    public List<(string Status, RawUse Type)> Errors { get; } = new();

    public List<string> Security { get; } = new();
}

internal sealed record RawParameter(
    string WireName,
    ParameterLocation Location,
    RawUse Type,
    bool Required,
    string? Description,
    ParameterStyle Style,
    bool Explode,
    string Pointer);

internal sealed record RawBody(BodyKind Kind, string ContentType, RawUse? Type, bool Required, string Pointer);

internal sealed record RawResponse(int StatusCode, ResponseKind Kind, RawUse? Type);

internal sealed record RawSecurityScheme(string Name, SecurityKind Kind, string ParameterName, string? Description);
