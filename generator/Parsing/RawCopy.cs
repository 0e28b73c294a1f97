using System.Collections.Generic;
using System.Linq;

namespace Uploads.Generators.Parsing;

/// <summary>
/// A deep copy of raw types and operations, made before <see cref="ComponentLinker"/> completes them in place: the
/// parts of a split document (see <see cref="PartReader"/>) are kept by the incremental pipeline and read again by
/// later runs, so they must stay as they were read. One instance per copy, so that every use of a type gets the same copy.
/// </summary>
internal sealed class RawCopy
{
    private readonly Dictionary<RawType, RawType> _types = new();

    public RawType Type(RawType type)
    {
        if (_types.TryGetValue(type, out var copy)) return copy;
        copy = new RawType(type.Kind, type.Pointer, type.NameParts, type.IsComponent)
        {
            Qualifier = type.Qualifier,
            Description = type.Description,
            Deprecated = type.Deprecated,
            IsIntegerEnum = type.IsIntegerEnum,
            Discriminator = type.Discriminator,
            DiscriminatorProperty = type.DiscriminatorProperty,
            MergeRequired = type.MergeRequired,
            DeclaredRequired = type.DeclaredRequired,
        };
        _types.Add(type, copy);
        copy.EnumValues.AddRange(type.EnumValues);
        copy.EnumNames.AddRange(type.EnumNames);
        copy.Mapping.AddRange(type.Mapping);
        copy.ExplicitMapping.AddRange(type.ExplicitMapping);
        foreach (var property in type.Properties) copy.Properties.Add(Property(property));
        foreach (var branch in type.Branches) copy.Branches.Add(Use(branch));
        copy.Merge = type.Merge?.Select(piece => piece.Property is { } property ? piece with { Property = Property(property) } : piece).ToList();
        return copy;
    }

    public RawUse Use(RawUse use) =>
        use.Target is null && use.Element is null
            ? use
            : use with { Target = use.Target is null ? null : Type(use.Target), Element = use.Element is null ? null : Use(use.Element) };

    public RawDocument Document(RawDocument document)
    {
        var copy = new RawDocument(document.Title) { ServerUrl = document.ServerUrl };
        copy.SecuritySchemes.AddRange(document.SecuritySchemes);
        copy.Types.AddRange(document.Types.Select(Type));
        copy.Operations.AddRange(document.Operations.Select(Operation));
        return copy;
    }

    private RawProperty Property(RawProperty property) =>
        new(property.WireName, Use(property.Type), property.Pointer) { Required = property.Required, Description = property.Description, Deprecated = property.Deprecated };

    private RawOperation Operation(RawOperation operation)
    {
        var copy = new RawOperation(operation.Pointer, operation.Method, operation.Path, operation.NameSeed)
        {
            OperationId = operation.OperationId,
            Tag = operation.Tag,
            Summary = operation.Summary,
            Deprecated = operation.Deprecated,
            Body = operation.Body is { } body ? body with { Type = body.Type is null ? null : Use(body.Type) } : null,
            Success = operation.Success with { Type = operation.Success.Type is null ? null : Use(operation.Success.Type) },
        };
        copy.Parameters.AddRange(operation.Parameters.Select(parameter => parameter with { Type = Use(parameter.Type) }));
        copy.Errors.AddRange(operation.Errors.Select(error => (error.Status, Use(error.Type))));
        copy.Security.AddRange(operation.Security);
        return copy;
    }
}
