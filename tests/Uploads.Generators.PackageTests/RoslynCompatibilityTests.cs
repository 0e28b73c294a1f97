using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Uploads.Generators.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace Uploads.Generators.PackageTests;

/// <summary>
/// The package claims Roslyn 4.8 (the .NET 8 SDK's compiler). This project references Microsoft.CodeAnalysis 4.8.0
/// exactly, loads the packed <c>analyzers/dotnet/cs</c> folder the way the compiler does (an AnalyzerFileReference
/// whose dependencies load from the analyzer folder into their own AssemblyLoadContext, while Microsoft.CodeAnalysis
/// comes from the host), and runs the generator with that compiler's CSharpGeneratorDriver.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class RoslynCompatibilityTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void Packed_generator_loads_and_generates_with_Microsoft_CodeAnalysis_4_8()
    {
        Assert.Equal(new Version(4, 8, 0, 0), typeof(Compilation).Assembly.GetName().Version);

        string directory = package.AnalyzerDirectory;
        var loader = new AnalyzerFolderLoader(directory);
        var reference = new AnalyzerFileReference(Path.Combine(directory, "Uploads.Generators.dll"), loader);
        var loadFailures = new List<string>();
        reference.AnalyzerLoadFailed += (_, e) => loadFailures.Add($"{e.ErrorCode}: {e.Message} {e.Exception}");

        var generators = reference.GetGenerators(LanguageNames.CSharp);
        Assert.True(loadFailures.Count == 0, string.Join("\n", loadFailures));
        var generator = Assert.Single(generators);
        Assert.Equal("Uploads.Generators.OpenApiGenerator", generator.GetGeneratorType().FullName);

        string spec = File.ReadAllText(RepoPaths.UploadsSpec);
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText("namespace Consumer { internal static class Anchor { } }", parseOptions, path: "Anchor.cs") },
            PlatformReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new OptionsProvider(
            new Dictionary<string, string> { ["build_property.RootNamespace"] = "Consumer" },
            new Dictionary<string, string> { ["build_metadata.AdditionalFiles.OpenApiNamespace"] = "Consumer.OpenAI" });

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            generators,
            new[] { (AdditionalText)new TextFile("/project/openapi/uploads.openapi.yaml", spec) },
            parseOptions,
            options);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var outputCompilation, out var driverDiagnostics);

        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        // CS8784/CS8785: the generator failed to initialize / to run (an exception, or a dependency that did not load).
        Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8784" or "CS8785");
        Assert.DoesNotContain(driverDiagnostics, d => d.Severity == DiagnosticSeverity.Error);

        var hintNames = result.GeneratedSources.Select(s => s.HintName).ToList();
        output.WriteLine($"Roslyn {typeof(Compilation).Assembly.GetName().Version}: {hintNames.Count} files: {string.Join(", ", hintNames)}");
        Assert.Contains("Consumer.OpenAI.Upload.g.cs", hintNames);
        Assert.Contains("Consumer.OpenAI.OpenAIApiJsonContext.g.cs", hintNames);

        // The dependencies came from the package folder, the compiler from the host.
        var fromFolder = AssemblyLoadContext.GetLoadContext(generator.GetGeneratorType().Assembly)!.Assemblies.Select(a => a.GetName().Name).ToList();
        Assert.Contains("Microsoft.OpenApi", fromFolder);
        Assert.Contains("SharpYaml", fromFolder);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", fromFolder);

        // And the generated code compiles with the C# 12 compiler of Roslyn 4.8.
        var errors = outputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    /// <summary>The running .NET's own assemblies as references (Basic.Reference.Assemblies needs a newer Roslyn).</summary>
    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is { } name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "System.dll" or "netstandard.dll" or "mscorlib.dll" or "Microsoft.Win32.Primitives.dll")
                && Path.GetDirectoryName(path) == Path.GetDirectoryName(typeof(object).Assembly.Location))
            .Select(path => MetadataReference.CreateFromFile(path));

    /// <summary>
    /// Loads an analyzer folder like the compiler on .NET: one AssemblyLoadContext for the folder, where an assembly
    /// found in the folder is loaded from there, except the compiler's own (Microsoft.CodeAnalysis*), which come from
    /// the host; anything else falls back to the host (the framework).
    /// </summary>
    private sealed class AnalyzerFolderLoader(string directory) : IAnalyzerAssemblyLoader
    {
        private readonly FolderContext _context = new(directory);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class FolderContext(string directory) : AssemblyLoadContext("Uploads.Generators analyzer folder")
        {
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                string name = assemblyName.Name ?? "";
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)) return null;
                string path = Path.Combine(directory, name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }

    private sealed class TextFile(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class OptionsProvider(IReadOnlyDictionary<string, string> global, IReadOnlyDictionary<string, string> perFile) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(perFile);

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                bool found = values.TryGetValue(key, out var result);
                value = result ?? "";
                return found;
            }
        }
    }
}
