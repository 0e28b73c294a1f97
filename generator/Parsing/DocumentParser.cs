using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Model;
using Uploads.Generators.Naming;

namespace Uploads.Generators.Parsing;

/// <summary>
/// The parse step of a document read whole: spec text → OpenAPI.NET document → raw model → links (<see cref="ComponentLinker"/>)
/// → naming pass → <see cref="ApiModel"/>. A document read in parts goes through <see cref="PartReader"/> instead.
/// </summary>
public static class DocumentParser
{
    private static readonly Uri BaseUri = new("https://openapi.invalid/");

    /// <summary>The model of a skeleton (see <see cref="OutlineReader"/>): prose as tokens when it has a fingerprint.</summary>
    public static DraftResult Parse(DocumentSkeleton skeleton, CancellationToken cancellationToken) =>
        new(skeleton.Input.Path, Parse(skeleton.Input, skeleton.Settings, skeleton.Fragments, tokenizeProse: skeleton.Fingerprint is not null, cancellationToken));

    /// <summary>The model of a document read directly, its prose as it is.</summary>
    public static ParseResult Parse(DocumentInput input, ProjectSettings settings, EquatableArray<FragmentFile> fragments, CancellationToken cancellationToken) =>
        Parse(input, settings, fragments, tokenizeProse: false, cancellationToken);

    private static ParseResult Parse(DocumentInput input, ProjectSettings settings, EquatableArray<FragmentFile> fragments, bool tokenizeProse, CancellationToken cancellationToken)
    {
        var diagnostics = new DiagnosticBag();
        SpecSource? source = null;
        ApiModel? model = null;
        try
        {
            var options = DocumentOptionsReader.Read(input, settings, diagnostics);
            if (!CanGenerateFor(settings, input.Path, diagnostics)) return Result(null, diagnostics, null, input.Path);

            DiagnosticInfo? loadError = null;
            var handed = tokenizeProse ? TreeHandoff.Take(input.Path, input.Text) : null;
            source = handed?.Source ?? SpecSource.Load(input.Path, input.Text, out loadError);
            if (source is null)
            {
                var result = diagnostics.Resolve(null, input.Path);
                if (loadError is not null) result.Add(loadError);
                return new ParseResult(null, result.ToEquatableArray());
            }
            cancellationToken.ThrowIfCancellationRequested();
            // One walk finds the prose and what BlankReferences would remove; the outline step's, when it handed its tree over.
            var scan = handed?.Scan ?? Prose.Scan(source.Root, fingerprint: null);
            if (tokenizeProse) scan.Apply();

            if (!IsSupportedVersion(source.Root, out string declared, out string versionPointer))
            {
                diagnostics.Add(DiagnosticDescriptors.UnsupportedVersion, versionPointer, declared);
                return Result(null, diagnostics, source, input.Path);
            }

            // OpenAPI.NET throws on references to empty or whitespace names; each costs only itself (OAG005).
            if (scan.MayHaveBlankReferences) BlankReferences.Remove(source.Root, diagnostics);

            if (ExternalRefBundler.MayHaveExternalRefs(input.Text))
            {
                ExternalRefBundler.Bundle(source, fragments, diagnostics, cancellationToken);
            }

            var read = ReadWithOpenApiNet(source.Root, diagnostics, cancellationToken);
            var document = read.Document;
            if (document is null) return Result(null, diagnostics, source, input.Path);
            cancellationToken.ThrowIfCancellationRequested();

            var raw = new RawDocument(TitleOf(document, input.Path));
            string componentsPointer = read.Diagnostic?.SpecificationVersion == OpenApiSpecVersion.OpenApi2_0 ? "#/definitions" : "#/components/schemas";
            source.FreezeTree();
            var schemas = new SchemaReader(source, diagnostics, document.Components?.Schemas, componentsPointer, raw.Types, cancellationToken);
            schemas.ReadComponents();
            if (options.ReadsOperations)
            {
                bool swagger2 = read.Diagnostic?.SpecificationVersion == OpenApiSpecVersion.OpenApi2_0;
                new OperationReader(schemas, diagnostics, swagger2, cancellationToken).Read(document, raw);
            }
            var linker = new ComponentLinker(schemas.Components, componentsPointer, diagnostics, cancellationToken);
            linker.Link(raw.Types);
            OperationReader.Link(raw, linker, diagnostics);
            model = NamingPass.Apply(raw, input.Path, options, diagnostics);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The generator never throws (CS8785): whatever escapes the per-schema guards is reported here.
            diagnostics.Add(DiagnosticDescriptors.InternalError, null, "the document", ex.GetType().Name + ": " + ex.Message);
        }
        return Result(model, diagnostics, source, input.Path);
    }

    /// <summary>False (with OAG010) when the project's C# is older than the generated code needs.</summary>
    internal static bool CanGenerateFor(ProjectSettings settings, string path, DiagnosticBag diagnostics)
    {
        if (settings.LanguageVersion >= 1100) return true;
        diagnostics.Add(DiagnosticDescriptors.LanguageVersionTooOld, null, System.IO.Path.GetFileName(path), FormatLanguageVersion(settings.LanguageVersion));
        return false;
    }

    /// <summary>
    /// The tree read by OpenAPI.NET, its errors and warnings reported; an item it throws on is dropped (OAG002 at it), not
    /// the whole document. A part of a split document defers what the discriminator rule finds (see <see cref="DiscriminatorCheck"/>).
    /// </summary>
    internal static ReadResult ReadWithOpenApiNet(JsonNode root, DiagnosticBag diagnostics, CancellationToken cancellationToken, List<(string Pointer, string Message)>? deferred = null)
    {
        var read = FaultIsolatingReader.Read(root, diagnostics, cancellationToken);
        foreach (var error in read.Diagnostic?.Errors ?? Array.Empty<OpenApiError>())
        {
            if (deferred is not null && error is OpenApiValidatorError { RuleName: nameof(OpenApiSchemaRules.ValidateSchemaDiscriminator) })
            {
                deferred.Add((PointerOf(error) ?? "#", error.Message));
                continue;
            }
            diagnostics.Add(DiagnosticDescriptors.DocumentError, PointerOf(error), error.Message);
        }
        foreach (var warning in read.Diagnostic?.Warnings ?? Array.Empty<OpenApiError>())
        {
            diagnostics.Add(DiagnosticDescriptors.DocumentWarning, PointerOf(warning), warning.Message);
        }
        return read;
    }

    internal static string TitleOf(OpenApiDocument document, string path) =>
        string.IsNullOrWhiteSpace(document.Info?.Title) ? System.IO.Path.GetFileNameWithoutExtension(path) : document.Info!.Title!;

    /// <summary>
    /// Where an OpenAPI.NET error is. Some errors leave <see cref="OpenApiError.Pointer"/> empty and end the message
    /// with it instead ("$ref is not a valid property at #/paths/~1v2~1droplets/get", one per operation that is a $ref).
    /// </summary>
    private static string? PointerOf(OpenApiError error)
    {
        if (!string.IsNullOrEmpty(error.Pointer) && error.Pointer != "#") return error.Pointer;
        var match = System.Text.RegularExpressions.Regex.Match(error.Message ?? "", @" at (#/\S*?)\.?$");
        return match.Success ? match.Groups[1].Value : error.Pointer;
    }

    internal static ParseResult Result(ApiModel? model, DiagnosticBag diagnostics, SpecSource? source, string path) =>
        new(model, diagnostics.Resolve(source, path).ToEquatableArray());

    internal static bool IsSupportedVersion(JsonNode root, out string declared, out string pointer)
    {
        declared = "no version";
        pointer = "#";
        if (root is not JsonObject obj) return false;
        if (obj.TryGetPropertyValue("openapi", out var openapi))
        {
            pointer = "#/openapi";
            declared = "openapi: " + Scalar(openapi);
            string value = Scalar(openapi);
            return value.StartsWith("3.0", StringComparison.Ordinal) || value.StartsWith("3.1", StringComparison.Ordinal);
        }
        if (obj.TryGetPropertyValue("swagger", out var swagger))
        {
            pointer = "#/swagger";
            declared = "swagger: " + Scalar(swagger);
            return Scalar(swagger) is "2.0" or "2";
        }
        return false;
    }

    private static string Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
        : "(not a scalar)";

    private static string FormatLanguageVersion(int version) =>
        version % 100 == 0
            ? (version / 100).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (version / 100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + (version % 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
