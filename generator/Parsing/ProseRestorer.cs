using System.Collections.Immutable;
using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// Puts a document's current prose back into what was built from its tokens (see <see cref="Prose"/>). The model itself
/// stays as it was built, so an edit of prose leaves it, and every output made from the model alone, untouched: the
/// texts go only into the outputs that show them (each type, each client and server surface), each compared on its
/// own. The diagnostics are placed in the current text: the model may have been built from an earlier text with the
/// same skeleton, whose keys are on the same lines and columns but whose offsets moved with prose edited before them.
/// </summary>
internal static class ProseRestorer
{
    /// <summary>The draft's diagnostics placed in the current text, with the prose they quote; its model as it was built.</summary>
    public static ParseResult Restore(DraftResult draft, DocumentProse prose)
    {
        if (prose.Text is null) return draft.Result;
        var texts = prose.Texts;
        LineMap? lines = null;
        var diagnostics = draft.Result.Diagnostics.Select(diagnostic =>
        {
            var arguments = diagnostic.Arguments.Any(argument => argument.IndexOf(Prose.TokenMark) >= 0)
                ? diagnostic.Arguments.Select(argument => Prose.ResolveWithin(argument, texts)).ToEquatableArray()
                : diagnostic.Arguments;
            var location = diagnostic.Location;
            if (location is not null && location.FilePath == prose.Path)
            {
                lines ??= new LineMap(prose.Text);
                int start = lines.OffsetOf(location.Line, location.Column) ?? location.Start;
                if (start != location.Start) location = location with { Start = start };
            }
            return location == diagnostic.Location && arguments == diagnostic.Arguments ? diagnostic : diagnostic with { Location = location, Arguments = arguments };
        }).ToEquatableArray();
        return diagnostics == draft.Result.Diagnostics ? draft.Result : new ParseResult(draft.Result.Model, diagnostics);
    }

    /// <summary>A model with the texts its tokens stand for; no texts when it was read without tokens.</summary>
    public static ModelProse With(ApiModel model, ImmutableArray<DocumentProse> prose)
    {
        foreach (var item in prose)
        {
            if (item.Path == model.SourcePath) return new ModelProse(model, item.Text is null ? null : item.Texts);
        }
        return new ModelProse(model, null);
    }

    public static TypeModel Restore(TypeModel type, EquatableArray<string>? texts)
    {
        if (texts is not { } all) return type;
        return type with
        {
            Description = Prose.Resolve(type.Description, all),
            Properties = Properties(type.Properties, all),
            Members = type.Members.Select(member => member with { Description = Prose.Resolve(member.Description, all) }).ToEquatableArray(),
        };
    }

    public static ClientModel Restore(ClientModel client, EquatableArray<string>? texts)
    {
        if (texts is not { } all) return client;
        return client with
        {
            Operations = client.Operations.Select(operation => operation with
            {
                Summary = Prose.Resolve(operation.Summary, all),
                Parameters = operation.Parameters.Select(parameter => parameter with { Description = Prose.Resolve(parameter.Description, all) }).ToEquatableArray(),
                Body = operation.Body is null ? null : operation.Body with { Fields = Properties(operation.Body.Fields, all) },
            }).ToEquatableArray(),
        };
    }

    public static EquatableArray<SecuritySchemeModel> Restore(EquatableArray<SecuritySchemeModel> schemes, EquatableArray<string>? texts)
    {
        if (texts is not { } all) return schemes;
        return schemes.Select(scheme => scheme with { Description = Prose.Resolve(scheme.Description, all) }).ToEquatableArray();
    }

    private static EquatableArray<PropertyModel> Properties(EquatableArray<PropertyModel> properties, EquatableArray<string> texts) =>
        properties.Select(property => property with { Description = Prose.Resolve(property.Description, texts) }).ToEquatableArray();
}
