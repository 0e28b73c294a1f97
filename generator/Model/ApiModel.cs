using System;

namespace Uploads.Generators.Model;

/// <summary>Which parts of the API surface a document generates (the <c>OpenApiGenerate</c> metadata).</summary>
[Flags]
public enum GeneratedParts
{
    None = 0,
    Models = 1,
    Client = 2,
    Server = 4,

    /// <summary>No explicit list: server stubs follow whether the project references ASP.NET Core.</summary>
    ServerIfAspNetCore = 8,
}

/// <summary>How string enums are generated (the <c>OpenApiEnumStyle</c> metadata).</summary>
public enum EnumStyle
{
    Enum,
    Extensible,
}

/// <summary>Options of one document, from its <c>AdditionalFiles</c> metadata and the project.</summary>
public sealed record DocumentOptions(string Namespace, GeneratedParts Parts, EnumStyle EnumStyle)
{
    /// <summary>Whether a part to generate needs the document's operations (clients or servers).</summary>
    public bool ReadsOperations => (Parts & (GeneratedParts.Client | GeneratedParts.Server | GeneratedParts.ServerIfAspNetCore)) != 0;
}

/// <summary>One OpenAPI document turned into C#-named types: the output of parsing plus the naming pass.</summary>
public sealed record ApiModel(
    string SourcePath,
    DocumentOptions Options,
    string Title,
    string JsonContextName,
    EquatableArray<TypeModel> Types,
    ApiSurface Surface);

/// <summary>
/// What the clients and server stubs of a document share: operations grouped by tag, the first server URL, the
/// security schemes and the names of the support types.
/// </summary>
public sealed record ApiSurface(
    EquatableArray<ClientModel> Clients,
    string? ServerUrl,
    EquatableArray<SecuritySchemeModel> SecuritySchemes,
    string OptionsName,
    string ExceptionName,
    string FilePartName)
{
    public bool IsEmpty => Clients.IsEmpty;
}

public enum TypeModelKind
{
    Record,
    Enum,
    Union,
}

/// <summary>A generated type: a record for an object schema or an enum for a string enum schema.</summary>
public sealed record TypeModel(
    TypeModelKind Kind,
    string Name,
    string SchemaPointer,
    string? Description,
    bool Deprecated,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<EnumMemberModel> Members,
    string ContextPropertyName)
{
    /// <summary>For an enum: the members are JSON numbers (their wire values are the numbers' text).</summary>
    public bool IsIntegerEnum { get; init; }

    /// <summary>For a union: its branches in the order they are tried.</summary>
    public EquatableArray<UnionBranchModel> Branches { get; init; } = EquatableArray<UnionBranchModel>.Empty;

    /// <summary>For a discriminated union: the property whose value picks the branch.</summary>
    public string? Discriminator { get; init; }

    /// <summary>
    /// A discriminated union whose branches are records used by no other union: emitted as an abstract base record
    /// that the branch records derive from, instead of a wrapper.
    /// </summary>
    public bool IsAbstractBase { get; init; }

    /// <summary>For a record: the abstract base record of the discriminated union it is a branch of.</summary>
    public string? BaseType { get; init; }
}

/// <summary>One branch of a union (oneOf/anyOf or a 3.1 type array); discriminator values pick it when there are any.</summary>
public sealed record UnionBranchModel(string Name, TypeRef Type, EquatableArray<string> DiscriminatorValues);

/// <summary>A record property. <see cref="ConstValue"/> is set for single-value enums and <c>const</c>.</summary>
public sealed record PropertyModel(
    string Name,
    string WireName,
    TypeRef Type,
    bool Required,
    string? Description,
    bool Deprecated,
    string? ConstValue);

public sealed record EnumMemberModel(string Name, string WireValue, string? Description);

/// <summary>What a value is on the wire and in C#; decides both the declared type and the JSON code.</summary>
public enum ValueKind
{
    String,
    Int32,
    Int64,
    Single,
    Double,
    Boolean,
    DateTimeOffset,
    UnixTime,
    DateOnly,
    Guid,
    Bytes,
    Binary,
    Any,
    Record,
    Enum,
    Union,
    Array,
    Map,
}

/// <summary>
/// A C# type use. <see cref="FullName"/> is the <c>global::</c>-qualified name without the nullable marker;
/// <see cref="Nullable"/> means the wire allows <c>null</c> at this position.
/// </summary>
public sealed record TypeRef(ValueKind Kind, string FullName, bool IsValueType, bool Nullable, TypeRef? Element)
{
    public string Declaration => Nullable ? FullName + "?" : FullName;

    public TypeRef WithNullable(bool nullable) => nullable == Nullable ? this : this with { Nullable = nullable };
}

/// <summary>What one per-type source output needs: the type plus the document settings it depends on.</summary>
public sealed record TypeToEmit(string Namespace, EnumStyle EnumStyle, string HintName, TypeModel Type);

/// <summary>
/// What the document's JSON context needs: only the names, so editing a description or a property does not
/// re-emit the context (it lists every type of the document).
/// </summary>
public sealed record JsonContextModel(string Namespace, string Title, string Name, EquatableArray<JsonContextEntry> Entries);

public sealed record JsonContextEntry(string TypeName, string PropertyName);
