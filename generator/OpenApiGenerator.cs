using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Uploads.Generators.Diagnostics;
using Uploads.Generators.Emit;
using Uploads.Generators.Model;
using Uploads.Generators.Parsing;

namespace Uploads.Generators;

/// <summary>
/// Wiring only: AdditionalFiles that are OpenAPI documents → parse step (our equatable model) → the types' code, one
/// step per type, written into their files (see TypeFiles), one output per document for its JSON context and support
/// types, one per client and per server surface, the shared runtimes, and the diagnostics.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenApiGenerator : IIncrementalGenerator
{
    private const string MetadataPrefix = "build_metadata.AdditionalFiles.";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Each YAML/JSON file is read and classified once: a document, or a fragment that external $refs point at.
        var specFiles = context.AdditionalTextsProvider
            .Where(static file => DocumentDetector.HasSupportedExtension(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) => Classify(pair.Left, pair.Right, cancellationToken));

        var documents = specFiles
            .Where(static file => file.Document is not null)
            .Select(static (file, _) => file.Document!)
            .WithTrackingName(TrackingNames.Documents);

        var settings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) ? ns : "")
            .Combine(context.ParseOptionsProvider.Select(static (options, _) => options is CSharpParseOptions csharp ? (int)csharp.LanguageVersion : 0))
            .Select(static (pair, _) => new ProjectSettings(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Settings);

        // YAML/JSON files that are not documents themselves: what external $refs of multi-file documents point at.
        var fragments = specFiles
            .Where(static file => file.Fragment is not null)
            .Select(static (file, _) => file.Fragment!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(fragment => fragment.Path, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Fragments);

        // Outline (fingerprint of all but the prose) → model built from prose tokens, whose diagnostics are then placed in
        // the current text: an edit of a description re-reads the text but leaves the model, and every output made from the
        // model alone, cached. The current prose goes only into the outputs that show it (see ProseRestorer).
        var outlines = documents
            .Combine(settings)
            .Combine(fragments)
            .Select(static (pair, cancellationToken) => OutlineReader.Read(pair.Left.Left, pair.Left.Right, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Outlines);
        // An OpenAPI 3.x document with component schemas is read in parts (see DocumentParts): its frame and each bucket of
        // its schemas again only when that part changed, then assembled. Every other document is read whole.
        var skeletons = outlines.Select(static (outline, _) => outline.Skeleton);
        var splits = skeletons
            .Where(static skeleton => skeleton.Split)
            .Select(static (skeleton, cancellationToken) => DocumentParts.Split(skeleton, cancellationToken))
            .WithTrackingName(TrackingNames.Splits);
        var frames = splits
            .Select(static (split, _) => split.Frame)
            .Select(static (frame, cancellationToken) => PartReader.ReadFrame(frame, cancellationToken))
            .WithTrackingName(TrackingNames.Frames);
        var buckets = splits
            .SelectMany(static (split, _) => split.Buckets)
            .Select(static (bucket, cancellationToken) => PartReader.ReadBucket(bucket, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaBuckets);
        var drafts = skeletons
            .Combine(frames.Collect())
            .Combine(buckets.Collect())
            .Select(static (pair, _) => new PartsOfDocument(
                pair.Left.Left,
                pair.Left.Right.FirstOrDefault(frame => frame.Path == pair.Left.Left.Input.Path),
                pair.Right.Where(bucket => bucket.Path == pair.Left.Left.Input.Path).ToEquatableArray()))
            .Select(static (parts, cancellationToken) => parts.Frame is { } frame
                ? PartReader.Assemble(parts, frame, cancellationToken)
                : DocumentParser.Parse(parts.Skeleton, cancellationToken))
            .WithTrackingName(TrackingNames.Models);
        var prose = outlines.Select(static (outline, _) => outline.Prose).Collect();
        var results = drafts
            .Combine(prose)
            .Select(static (pair, _) => ProseRestorer.Restore(pair.Left, pair.Right.First(item => item.Path == pair.Left.Path)))
            .WithTrackingName(TrackingNames.Results);

        context.RegisterSourceOutput(
            results.Select(static (result, _) => result.Diagnostics).WithTrackingName(TrackingNames.Diagnostics),
            static (spc, diagnostics) =>
            {
                foreach (var diagnostic in diagnostics) Report(spc, diagnostic);
            });

        var parsed = results.Where(static result => result.Model is not null).Select(static (result, _) => result.Model!);

        // Two documents generating into one namespace would produce the same hint names (and types): the first by
        // path wins, the others get OAG012. Reduced to an equatable list of paths before the Combine.
        var shadowed = parsed
            .Select(static (model, _) => (model.Options.Namespace, model.SourcePath))
            .Collect()
            .Select(static (all, _) => all
                .GroupBy(claim => claim.Namespace, StringComparer.OrdinalIgnoreCase)
                .SelectMany(group => group.Select(claim => claim.SourcePath).OrderBy(path => path, StringComparer.Ordinal).Skip(1))
                .OrderBy(path => path, StringComparer.Ordinal)
                .ToEquatableArray());
        var claims = parsed.Combine(shadowed);
        context.RegisterSourceOutput(
            claims.Where(static pair => pair.Right.Contains(pair.Left.SourcePath)).Select(static (pair, _) => (pair.Left.SourcePath, pair.Left.Options.Namespace)),
            static (spc, item) => spc.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DuplicateGeneratedType,
                Location.Create(item.SourcePath, default, default),
                item.Namespace)));
        var models = claims.Where(static pair => !pair.Right.Contains(pair.Left.SourcePath)).Select(static (pair, _) => pair.Left);
        var modelProse = models
            .Combine(prose)
            .Select(static (pair, _) => ProseRestorer.With(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Prose);

        // Per type: its model with its prose, then its code (re-emitted only when that type's model or prose changed); then
        // the types grouped into their files (see TypeFiles: one per type, or hashed buckets for large documents).
        var types = modelProse
            .SelectMany(static (item, _) => TypeFiles.Plan(item.Model).Select(type => type with { Type = ProseRestorer.Restore(type.Type, item.Texts) }))
            .WithTrackingName(TrackingNames.Types);
        var typeCode = types.Select(static (item, _) => TypeFiles.Emit(item)).WithTrackingName(TrackingNames.TypeCode);
        var typeFiles = typeCode.Collect().SelectMany(static (all, _) => TypeFiles.Group(all)).WithTrackingName(TrackingNames.TypeFiles);
        context.RegisterSourceOutput(typeFiles, static (spc, file) =>
        {
            foreach (var failed in file.Types)
            {
                if (failed.Error is not null) spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, failed.Name, failed.Error));
            }
            AddSource(spc, file.HintName, () => TypeFiles.Compose(file));
        });

        var contexts = models.Select(static (model, _) => JsonContextEmitter.Model(model)).WithTrackingName(TrackingNames.JsonContexts);
        context.RegisterSourceOutput(contexts, static (spc, model) =>
            AddSource(spc, JsonContextEmitter.HintName(model), () => JsonContextEmitter.Emit(model)));

        // What the consuming project references decides the optional outputs; reduced to flags before any Combine.
        // From the references' file names, which change only when references do (not on every keystroke, as the
        // compilation does): Microsoft.Extensions.Http.dll holds AddHttpClient, Microsoft.AspNetCore.Routing.dll
        // IEndpointRouteBuilder.
        var capabilities = context.MetadataReferencesProvider
            .Select(static (reference, _) => ReferenceFileName(reference.Display))
            .Collect()
            .Select(static (names, _) => new Capabilities(
                HttpClientFactory: names.Contains("Microsoft.Extensions.Http.dll", StringComparer.OrdinalIgnoreCase),
                AspNetCore: names.Contains("Microsoft.AspNetCore.Routing.dll", StringComparer.OrdinalIgnoreCase)))
            .WithTrackingName(TrackingNames.Capabilities);

        var runtime = models
            .Collect()
            .Combine(capabilities)
            .Select(static (pair, _) => (
                Json: !pair.Left.IsEmpty,
                Http: pair.Left.Any(static model => !model.Surface.IsEmpty),
                Server: pair.Left.Any(model => !model.Surface.IsEmpty && WantsServer(model, pair.Right))))
            .WithTrackingName(TrackingNames.Runtime);
        context.RegisterSourceOutput(runtime, static (spc, needs) =>
        {
            if (needs.Json) AddSource(spc, JsonRuntimeEmitter.HintName, JsonRuntimeEmitter.Emit);
            if (needs.Http) AddSource(spc, HttpRuntimeEmitter.HintName, HttpRuntimeEmitter.Emit);
            if (needs.Server) AddSource(spc, ServerRuntimeEmitter.HintName, ServerRuntimeEmitter.Emit);
        });

        var support = models.Where(static model => !model.Surface.IsEmpty).WithTrackingName(TrackingNames.Support);
        context.RegisterSourceOutput(support, static (spc, model) => AddSource(spc, ApiSupportEmitter.HintName(model), () => ApiSupportEmitter.Emit(model)));

        var clients = modelProse
            .Where(static item => (item.Model.Options.Parts & GeneratedParts.Client) != 0)
            .SelectMany(static (item, _) => item.Model.Surface.Clients.Select(client => new ClientToEmit(
                item.Model.Options.Namespace,
                item.Model.Options.EnumStyle,
                new ApiSurfaceNames(item.Model.Surface.OptionsName, item.Model.Surface.ExceptionName, item.Model.Surface.FilePartName),
                item.Model.Surface.ServerUrl,
                ProseRestorer.Restore(item.Model.Surface.SecuritySchemes, item.Texts),
                ProseRestorer.Restore(client, item.Texts),
                false)))
            .Combine(capabilities)
            .Select(static (pair, _) => pair.Left with { HasHttpClientFactory = pair.Right.HttpClientFactory })
            .WithTrackingName(TrackingNames.Clients);
        context.RegisterSourceOutput(clients, static (spc, item) =>
            AddSource(spc, item.Namespace + "." + item.Client.Name + ".g.cs", () => ClientEmitter.Emit(item)));

        var servers = modelProse
            .Combine(capabilities)
            .Where(static pair => !pair.Left.Model.Surface.IsEmpty && WantsServer(pair.Left.Model, pair.Right))
            .SelectMany(static (pair, _) => ServerInputs.Create(pair.Left.Model).Select(server => server with
            {
                Group = ProseRestorer.Restore(server.Group, pair.Left.Texts),
                ErrorTypes = server.ErrorTypes.Select(type => ProseRestorer.Restore(type, pair.Left.Texts)).ToEquatableArray(),
            }))
            .WithTrackingName(TrackingNames.Servers);
        context.RegisterSourceOutput(servers, static (spc, item) =>
            AddSource(spc, item.Namespace + "." + item.Group.EndpointsName + ".g.cs", () => ServerEmitter.Emit(item)));

        // Server stubs asked for explicitly in a project without ASP.NET Core cannot compile: say so instead.
        context.RegisterSourceOutput(
            models.Combine(capabilities)
                .Where(static pair => (pair.Left.Options.Parts & GeneratedParts.Server) != 0 && !pair.Right.AspNetCore && !pair.Left.Surface.IsEmpty)
                .Select(static (pair, _) => pair.Left.SourcePath),
            static (spc, path) => spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ServerNeedsAspNetCore, Location.Create(path, default, default))));
    }

    private static string ReferenceFileName(string? display)
    {
        if (display is null) return "";
        int slash = Math.Max(display.LastIndexOf('/'), display.LastIndexOf('\\'));
        return display.Substring(slash + 1);
    }

    private static bool WantsServer(ApiModel model, Capabilities capabilities) =>
        capabilities.AspNetCore && (model.Options.Parts & (GeneratedParts.Server | GeneratedParts.ServerIfAspNetCore)) != 0;

    /// <summary>A document (unless its metadata says OpenApiGenerate="false"), or a fragment, or nothing.</summary>
    private static SpecFileInput Classify(AdditionalText file, AnalyzerConfigOptionsProvider optionsProvider, System.Threading.CancellationToken cancellationToken)
    {
        var text = file.GetText(cancellationToken)?.ToString();
        if (text is null) return SpecFileInput.None;
        if (!DocumentDetector.IsOpenApiDocument(file.Path, text)) return new SpecFileInput(null, new FragmentFile(file.Path, text));

        var options = optionsProvider.GetOptions(file);
        options.TryGetValue(MetadataPrefix + "OpenApiGenerate", out var generate);
        if (string.Equals(generate?.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return SpecFileInput.None;
        options.TryGetValue(MetadataPrefix + "OpenApiNamespace", out var ns);
        options.TryGetValue(MetadataPrefix + "OpenApiEnumStyle", out var enumStyle);
        return new SpecFileInput(new DocumentInput(file.Path, text, ns, generate, enumStyle), null);
    }

    /// <summary>Emits one file; an emitter fault becomes a diagnostic, never CS8785.</summary>
    private static void AddSource(SourceProductionContext context, string hintName, Func<string> emit) =>
        AddSource(context, hintName, () => SourceText.From(emit(), System.Text.Encoding.UTF8));

    private static void AddSource(SourceProductionContext context, string hintName, Func<SourceText> emit)
    {
        try
        {
            context.AddSource(hintName, emit());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, hintName, ex.GetType().Name + ": " + ex.Message));
        }
    }

    private static void Report(SourceProductionContext context, DiagnosticInfo info)
    {
        var descriptor = DiagnosticDescriptors.Find(info.Id);
        if (descriptor is null) return;
        var location = info.Location?.ToLocation() ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(descriptor, location, info.Arguments.ToArray<object>()));
    }
}
