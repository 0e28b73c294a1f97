using System.Collections.Generic;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

// The parse step's working model, still in OpenAPI names. It never leaves the parse step:
// the naming pass turns it into the equatable ApiModel.

internal enum RawTypeKind
{
    Record,
    Enum,
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

    public string? Description { get; set; }

    public bool Deprecated { get; set; }

    public List<RawProperty> Properties { get; } = new();

    public List<string> EnumValues { get; } = new();
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

    public RawUse Type { get; }

    public string Pointer { get; }

    public bool Required { get; set; }

    public string? Description { get; set; }

    public bool Deprecated { get; set; }
}

internal sealed record RawUse(ValueKind Kind, bool Nullable, RawType? Target = null, RawUse? Element = null, string? ConstValue = null)
{
    public static RawUse Of(ValueKind kind, bool nullable = false) => new(kind, nullable);

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
}
