using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>One spec file given to the generator, with its AdditionalFiles metadata.</summary>
public sealed record SpecFile(string Path, string Text, string? Namespace = null, string? Generate = null, string? EnumStyle = null);

/// <summary>Runs the generator in-process with <see cref="CSharpGeneratorDriver"/> against .NET 8 reference assemblies.</summary>
public static class GeneratorHarness
{
    public const string RootNamespace = "Test.Api";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static CSharpCompilation CreateCompilation(string source = "", CSharpParseOptions? parseOptions = null, IEnumerable<MetadataReference>? extraReferences = null) =>
        CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(source.Length == 0 ? "namespace Test.Api { internal static class Anchor { } }" : source, parseOptions ?? ParseOptions, path: "Consumer.cs") },
            Basic.Reference.Assemblies.Net80.References.All.Concat(extraReferences ?? Array.Empty<MetadataReference>()),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// A consumer compiled against the running runtime's shared frameworks (.NET and ASP.NET Core, see
    /// <see cref="Robustness.HostileStringTests.RuntimeReferences"/>), so that server stubs compile and the output can run.
    /// </summary>
    public static CSharpCompilation CreateRuntimeCompilation(string assemblyName) =>
        CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText("namespace Test.Api { internal static class Anchor { } }", ParseOptions, path: "Consumer.cs") },
            Robustness.HostileStringTests.RuntimeReferences.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<SpecFile> specs, CSharpParseOptions? parseOptions = null, string rootNamespace = RootNamespace)
    {
        var list = specs.ToList();
        var perFile = list.ToImmutableDictionary(
            s => s.Path,
            s =>
            {
                var builder = ImmutableDictionary.CreateBuilder<string, string>();
                if (s.Namespace is not null) builder["build_metadata.AdditionalFiles.OpenApiNamespace"] = s.Namespace;
                if (s.Generate is not null) builder["build_metadata.AdditionalFiles.OpenApiGenerate"] = s.Generate;
                if (s.EnumStyle is not null) builder["build_metadata.AdditionalFiles.OpenApiEnumStyle"] = s.EnumStyle;
                return builder.ToImmutable();
            });
        var global = ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", rootNamespace);
        return CSharpGeneratorDriver.Create(
            new[] { new OpenApiGenerator().AsSourceGenerator() },
            list.Select(s => (AdditionalText)new InMemoryAdditionalText(s.Path, s.Text)),
            parseOptions ?? ParseOptions,
            new TestOptionsProvider(global, perFile),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once and returns the output compilation with every diagnostic (generator and compiler).</summary>
    public static GeneratorResult Run(IEnumerable<SpecFile> specs, string source = "", CSharpParseOptions? parseOptions = null, string rootNamespace = RootNamespace)
    {
        var compilation = CreateCompilation(source, parseOptions);
        var driver = CreateDriver(specs, parseOptions, rootNamespace).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorResult(driver, output, generatorDiagnostics);
    }

    public static GeneratorResult Run(params SpecFile[] specs) => Run((IEnumerable<SpecFile>)specs);
}

public sealed record GeneratorResult(GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public GeneratorRunResult RunResult => Driver.GetRunResult().Results.Single();

    public IEnumerable<GeneratedSourceResult> Sources => RunResult.GeneratedSources;

    public string Source(string hintNameSuffix) =>
        Sources.Single(s => s.HintName.EndsWith(hintNameSuffix, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Logs the generator's diagnostics and asserts that it neither threw nor failed inside (CS8785, OAG011).</summary>
    public GeneratorResult AssertNoCrash(ITestOutputHelper output)
    {
        foreach (var d in GeneratorDiagnostics) output.WriteLine(d.ToString());
        Assert.Null(RunResult.Exception);
        Assert.DoesNotContain(GeneratorDiagnostics, d => d.Id is "CS8785" or "OAG011");
        return this;
    }

    /// <summary>Compiler errors and warnings in the generated code (the generator's own diagnostics excluded).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems() =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
