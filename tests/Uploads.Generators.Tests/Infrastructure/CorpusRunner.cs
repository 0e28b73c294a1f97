using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Uploads.Generators.Parsing;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>A diagnostic reduced to data, so a result does not keep the (large) output compilation alive.</summary>
public sealed record CorpusDiagnostic(string Id, DiagnosticSeverity Severity, string Message, string? Path, int Line, int Column, int SpanLength, LocationKind Kind)
{
    public static CorpusDiagnostic From(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new CorpusDiagnostic(
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            span.IsValid ? span.Path : null,
            span.StartLinePosition.Line,
            span.StartLinePosition.Character,
            diagnostic.Location.SourceSpan.Length,
            diagnostic.Location.Kind);
    }

    /// <summary>
    /// In one of the given spec files at a real position: a file location whose path is one of them and which is not
    /// the empty placeholder at (0, 0) that an unlocated diagnostic falls back to (line is 0-based, so a node on the
    /// first line counts when its span is not empty).
    /// </summary>
    public bool IsLocatedIn(IReadOnlySet<string> specPaths) =>
        Kind is LocationKind.ExternalFile or LocationKind.SourceFile
        && Path is not null && specPaths.Contains(Path)
        && (Line > 0 || SpanLength > 0);

    public override string ToString() =>
        $"{(Path is null ? "(no location)" : System.IO.Path.GetFileName(Path) + $"({Line + 1},{Column + 1})")}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}

/// <summary>What one corpus document produced: counts, timings and every diagnostic.</summary>
public sealed record CorpusResult(
    CorpusDocument Document,
    IReadOnlySet<string> SpecPaths,
    int Schemas,
    int Operations,
    int GeneratedFiles,
    int GeneratedTypes,
    int GeneratedLines,
    string? GeneratorException,
    IReadOnlyList<CorpusDiagnostic> GeneratorDiagnostics,
    IReadOnlyList<CorpusDiagnostic> CompilationProblems,
    TimeSpan GeneratorTime,
    TimeSpan CompileTime,
    IReadOnlyList<string> SourcesWithProseTokens)
{
    public int Count(IEnumerable<CorpusDiagnostic> diagnostics, DiagnosticSeverity severity) => diagnostics.Count(d => d.Severity == severity);

    public IEnumerable<CorpusDiagnostic> Unlocated => GeneratorDiagnostics.Where(d => !d.IsLocatedIn(SpecPaths));
}

/// <summary>
/// Runs each corpus document once per test run (generation and compilation of the big documents take seconds) and
/// shares the result between the per-document theory and the table.
/// </summary>
public static class CorpusRunner
{
    private static readonly ConcurrentDictionary<string, Lazy<CorpusResult>> Cache = new(StringComparer.Ordinal);
    private static readonly Lazy<bool> WarmedUp = new(WarmUp);

    public static CorpusResult Get(CorpusDocument document) =>
        Cache.GetOrAdd(document.Name, _ => new Lazy<CorpusResult>(() => Run(document), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static CorpusResult Run(CorpusDocument document)
    {
        _ = WarmedUp.Value;
        var specs = CorpusDocuments.Files(document);
        var (schemas, operations) = CorpusDocuments.CountInRootFile(specs[0].Path, specs[0].Text);

        var compilation = GeneratorHarness.CreateCompilation();
        var driver = CreateDriver(specs);
        var stopwatch = Stopwatch.StartNew();
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var generatorTime = stopwatch.Elapsed;

        var runResult = driver.GetRunResult().Results.Single();
        var sources = runResult.GeneratedSources;

        stopwatch.Restart();
        var problems = new GeneratorResult(driver, output, generatorDiagnostics).CompilationProblems();
        var compileTime = stopwatch.Elapsed;

        return new CorpusResult(
            document,
            specs.Select(s => s.Path).ToHashSet(StringComparer.Ordinal),
            schemas,
            operations,
            sources.Length,
            GeneratedTypes.Count(sources),
            sources.Sum(s => s.SourceText.Lines.Count),
            runResult.Exception?.ToString(),
            generatorDiagnostics.Select(CorpusDiagnostic.From).ToList(),
            problems.Select(CorpusDiagnostic.From).ToList(),
            generatorTime,
            compileTime,
            ProseTokensLeftIn(specs, sources));
    }

    /// <summary>
    /// Generated files that still hold a prose token (see Prose): a description that no output put back. None may, unless
    /// a spec file holds the token mark itself (then the document is read without tokens, and the mark is its own text).
    /// A doc comment writes the mark as a character reference.
    /// </summary>
    private static IReadOnlyList<string> ProseTokensLeftIn(IReadOnlyList<SpecFile> specs, ImmutableArray<GeneratedSourceResult> sources)
    {
        if (specs.Any(spec => spec.Text.IndexOf(Prose.TokenMark) >= 0)) return Array.Empty<string>();
        string reference = "&#x" + ((int)Prose.TokenMark).ToString("X", System.Globalization.CultureInfo.InvariantCulture) + ";";
        return sources
            .Where(source => source.SourceText.ToString() is var text && (text.IndexOf(Prose.TokenMark) >= 0 || text.Contains(reference, StringComparison.Ordinal)))
            .Select(source => source.HintName)
            .ToList();
    }

    /// <summary>As a build would: a fresh driver, no step tracking, default namespace from RootNamespace.</summary>
    private static GeneratorDriver CreateDriver(IReadOnlyList<SpecFile> specs) =>
        CSharpGeneratorDriver.Create(
            new[] { new OpenApiGenerator().AsSourceGenerator() },
            specs.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)),
            GeneratorHarness.ParseOptions,
            new TestOptionsProvider(
                ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", GeneratorHarness.RootNamespace),
                ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>JIT-compiles the generator and OpenAPI.NET once, so the first document's time is not mostly start-up.</summary>
    private static bool WarmUp()
    {
        const string Spec = """
            openapi: 3.0.3
            info: { title: WarmUp, version: "1" }
            paths: {}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id]
                  properties:
                    id: { type: string }
                    kind: { type: string, enum: [a, b] }
            """;
        CreateDriver(new[] { new SpecFile("/warmup/warmup.yaml", Spec) })
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out _, out _);
        return true;
    }
}
