using System.Linq;
using Uploads.Generators.Model;

namespace Uploads.Generators.Parsing;

/// <summary>
/// The restore step: puts a document's current prose into the model built from its tokens (see <see cref="Prose"/>),
/// and places the diagnostics in the current text. The model may have been built from an earlier text with the same
/// skeleton: its keys are on the same lines and columns, but prose edited before them moved their offsets.
/// </summary>
internal static class ProseRestorer
{
    public static ParseResult Restore(DraftResult draft, DocumentProse prose)
    {
        if (prose.Text is null) return draft.Result;
        var texts = prose.Texts;
        var model = draft.Result.Model;
        if (model is not null)
        {
            model = model with
            {
                Types = model.Types.Select(type => type with
                {
                    Description = Prose.Resolve(type.Description, texts),
                    Properties = Properties(type.Properties, texts),
                    Members = type.Members.Select(member => member with { Description = Prose.Resolve(member.Description, texts) }).ToEquatableArray(),
                }).ToEquatableArray(),
                Surface = model.Surface with
                {
                    Clients = model.Surface.Clients.Select(client => client with
                    {
                        Operations = client.Operations.Select(operation => operation with
                        {
                            Summary = Prose.Resolve(operation.Summary, texts),
                            Parameters = operation.Parameters.Select(parameter => parameter with { Description = Prose.Resolve(parameter.Description, texts) }).ToEquatableArray(),
                            Body = operation.Body is null ? null : operation.Body with { Fields = Properties(operation.Body.Fields, texts) },
                        }).ToEquatableArray(),
                    }).ToEquatableArray(),
                    SecuritySchemes = model.Surface.SecuritySchemes.Select(scheme => scheme with { Description = Prose.Resolve(scheme.Description, texts) }).ToEquatableArray(),
                },
            };
        }

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
        return new ParseResult(model, diagnostics);
    }

    private static EquatableArray<PropertyModel> Properties(EquatableArray<PropertyModel> properties, EquatableArray<string> texts) =>
        properties.Select(property => property with { Description = Prose.Resolve(property.Description, texts) }).ToEquatableArray();
}
