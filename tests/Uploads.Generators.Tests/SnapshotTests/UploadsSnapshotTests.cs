using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.SnapshotTests;

/// <summary>
/// Snapshot tests of the code generated from spec/uploads.openapi.yaml. The expected files are
/// <c>Snapshots/uploads/*.g.cs</c> (EnumStyle=Enum, the default) and <c>Snapshots/uploads-extensible/*.g.cs</c>
/// (EnumStyle=Extensible), one per generated source, named by its hint name, compared byte for byte.
/// <para>
/// Refreshing: when the generated code changes on purpose, run
/// <c>UPDATE_SNAPSHOTS=1 dotnet test tests/Uploads.Generators.Tests --filter "FullyQualifiedName~Snapshot"</c>.
/// The tests then rewrite the expected files (and delete those no longer generated) and pass; review the diff.
/// Without <c>UPDATE_SNAPSHOTS=1</c> nothing is ever written and any difference, missing or stale file fails.
/// </para>
/// </summary>
public class UploadsSnapshotTests(ITestOutputHelper output)
{
    public const string EnumSet = "uploads";
    public const string ExtensibleSet = "uploads-extensible";

    [Theory]
    [InlineData(EnumSet, null)]
    [InlineData(ExtensibleSet, "Extensible")]
    public void GeneratedSourcesMatchSnapshots(string set, string? enumStyle)
    {
        var result = GeneratorHarness.Run(Paths.UploadsSpecFile(enumStyle));
        Assert.Null(result.RunResult.Exception);
        foreach (var d in result.GeneratorDiagnostics) output.WriteLine(d.ToString());
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error || d.Id is "CS8785" or "OAG011");
        Assert.Empty(result.CompilationProblems());

        var actual = result.Sources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.NotEmpty(actual);

        var problems = SnapshotFiles.Verify(set, actual);
        Assert.True(problems.Count == 0, "Generated code differs from the snapshots:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void SnapshotSetsAreNotEmpty()
    {
        // Guards against an empty (or misplaced) Snapshots folder silently "passing" a comparison of nothing.
        Assert.True(SnapshotFiles.Read(EnumSet).Count >= 5, "Expected files missing under " + SnapshotFiles.Directory(EnumSet));
        Assert.Contains("Test.Api.Upload.g.cs", SnapshotFiles.Read(EnumSet).Keys);
        Assert.Contains(JsonRuntimeHintName, SnapshotFiles.Read(EnumSet).Keys);
    }

    [Fact]
    public void SnapshotComparisonReportsDifferenceMissingAndStaleFiles()
    {
        // The comparison itself must fail in each of the three ways (Verify only reads unless UPDATE_SNAPSHOTS=1).
        if (SnapshotFiles.UpdateRequested) return;
        var expected = SnapshotFiles.Read(EnumSet);
        Assert.NotEmpty(expected);
        var first = expected.Keys.First();
        var changed = expected.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        changed[first] = changed[first] + " ";
        Assert.Contains(SnapshotFiles.Verify(EnumSet, changed), p => p.StartsWith(first + ": differs", StringComparison.Ordinal));

        var crlf = expected.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        crlf[first] = crlf[first].Replace("\n", "\r\n");
        Assert.Contains(SnapshotFiles.Verify(EnumSet, crlf), p => p.StartsWith(first + ": differs", StringComparison.Ordinal));

        var extra = expected.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        extra["Test.Api.NotThere.g.cs"] = "// new";
        Assert.Contains(SnapshotFiles.Verify(EnumSet, extra), p => p.StartsWith("Test.Api.NotThere.g.cs: generated, but there is no expected file", StringComparison.Ordinal));

        var fewer = expected.Where(p => p.Key != first).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Assert.Contains(SnapshotFiles.Verify(EnumSet, fewer), p => p.StartsWith(first + ": expected file exists, but the generator no longer produces it", StringComparison.Ordinal));

        Assert.Empty(SnapshotFiles.Verify(EnumSet, expected));
    }

    /// <summary>
    /// The same expected files, verified by Microsoft.CodeAnalysis.CSharp.SourceGenerators.Testing: it runs the generator
    /// in a workspace, compares every generated document (content, encoding, checksum algorithm) with
    /// <c>TestState.GeneratedSources</c>, and compiles the result, failing on any compiler error or warning.
    /// </summary>
    [Fact]
    public async Task SourceGeneratorTestingLibraryAgreesWithSnapshots()
    {
        var expected = SnapshotFiles.Read(EnumSet);
        Assert.NotEmpty(expected);

        var test = new UploadsGeneratorTest();
        test.TestState.AdditionalFiles.Add(("/spec/uploads.openapi.yaml", SourceText.From(File.ReadAllText(Paths.UploadsSpec), Encoding.UTF8)));
        test.TestState.Sources.Add(("/src/Anchor.cs", "namespace Test.Api { internal static class Anchor { } }"));
        foreach (var (hintName, text) in expected)
        {
            test.TestState.GeneratedSources.Add((typeof(OpenApiGenerator), hintName, SourceText.From(text, Encoding.UTF8)));
        }
        await test.RunAsync();
    }

    /// <summary>
    /// A consumer with <c>GenerateDocumentationFile=true</c> (DocumentationMode.Diagnose) and TreatWarningsAsErrors must
    /// still build: every public generated member needs an XML doc comment (or the file must disable CS1591).
    /// </summary>
    [Fact]
    public void GeneratedCodeHasNoMissingXmlDocWarnings()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12, DocumentationMode.Diagnose);
        var result = GeneratorHarness.Run(new[] { Paths.UploadsSpecFile() }, parseOptions: parseOptions);
        Assert.Null(result.RunResult.Exception);
        Assert.NotEmpty(result.Sources);
        var problems = result.CompilationProblems();
        foreach (var d in problems.Take(20)) output.WriteLine(d.ToString());
        Assert.True(problems.Count == 0, $"{problems.Count} compiler warnings with documentation diagnostics on, e.g.:" + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Take(5)));
    }

    private static string JsonRuntimeHintName => Uploads.Generators.Emit.JsonRuntimeEmitter.HintName;

    /// <summary>
    /// Offline configuration of the testing library. <see cref="ReferenceAssemblies"/> is a bare <c>net8.0</c> with no
    /// reference-assembly package and no packages: with nothing to resolve, <c>ResolveAsync</c> returns no references
    /// and never touches a NuGet feed (the default, netcoreapp3.1, would download Microsoft.NETCore.App.Ref). The
    /// .NET 8 reference assemblies come from Basic.Reference.Assemblies.Net80 instead, as in <see cref="GeneratorHarness"/>.
    /// </summary>
    private sealed class UploadsGeneratorTest : CSharpSourceGeneratorTest<OpenApiGenerator, DefaultVerifier>
    {
        public UploadsGeneratorTest()
        {
            ReferenceAssemblies = new ReferenceAssemblies("net8.0");
            TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net80.References.All);
            TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.RootNamespace = Test.Api\n"));
            // Compile the output and fail on compiler warnings as well as errors. The library parses with
            // DocumentationMode.Diagnose by default (as if GenerateDocumentationFile were on), which reports CS1591 for
            // the undocumented public converter members; that is checked separately by GeneratedCodeHasNoMissingXmlDocWarnings.
            CompilerDiagnostics = CompilerDiagnostics.Warnings;
            TestState.DocumentationMode = DocumentationMode.Parse;
        }

        // The harness and consumers use C# 12 (.NET 8); the library's default would be whatever "Default" maps to.
        protected override ParseOptions CreateParseOptions() =>
            new CSharpParseOptions(LanguageVersion.CSharp12);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
