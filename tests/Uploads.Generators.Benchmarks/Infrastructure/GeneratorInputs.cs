using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>
/// What the compiler hands the generator, built in memory: a compilation against .NET 8 reference assemblies, the
/// document as an AdditionalFiles item with its metadata, and edited versions of both.
/// </summary>
public static class GeneratorInputs
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private const string ConsumerSource = """
        namespace Consumer
        {
            internal static class Program
            {
                internal static int Answer() => 42;
            }
        }
        """;

    /// <summary>A small consumer project's compilation (one file).</summary>
    public static CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(
            "Consumer",
            new[] { CSharpSyntaxTree.ParseText(ConsumerSource, ParseOptions, path: "/consumer/Program.cs") },
            Basic.Reference.Assemblies.Net80.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The same compilation after a one-line C# edit that has nothing to do with the document (42 → 43 → 44 …).</summary>
    public static CSharpCompilation WithUnrelatedEdit(CSharpCompilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var text = tree.GetText();
        int at = text.ToString().IndexOf("=> ", StringComparison.Ordinal) + 3;
        int end = text.ToString().IndexOf(';', at);
        int value = int.Parse(text.ToString(TextSpan.FromBounds(at, end)), System.Globalization.CultureInfo.InvariantCulture);
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(TextSpan.FromBounds(at, end), (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return compilation.ReplaceSyntaxTree(tree, edited);
    }

    /// <summary>A fresh driver with our generator, the document and its metadata; no step tracking (as in the compiler).</summary>
    public static GeneratorDriver CreateDriver(AdditionalText document, string openApiNamespace) =>
        CSharpGeneratorDriver.Create(
            new[] { new OpenApiGenerator().AsSourceGenerator() },
            new[] { document },
            ParseOptions,
            new InMemoryOptionsProvider(
                ImmutableDictionary<string, string>.Empty.Add("build_property.RootNamespace", "Consumer"),
                ImmutableDictionary<string, string>.Empty.Add("build_metadata.AdditionalFiles.OpenApiNamespace", openApiNamespace)),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    /// <summary>
    /// A consumer compilation with the code generated from OpenAI's whole document (namespace Consumer.Generated), what
    /// the compiler compiles in a build; <paramref name="generatedFiles"/> and <paramref name="generatedChars"/> say how
    /// much of it is generated.
    /// </summary>
    public static Compilation CompilationWithOpenAI(out int generatedFiles, out long generatedChars)
    {
        var document = new InMemoryAdditionalText("/consumer/openapi.yaml", File.ReadAllText(RepoPaths.OpenAISpec));
        var driver = CreateDriver(document, "Consumer.Generated").RunGeneratorsAndUpdateCompilation(CreateCompilation(), out var output, out _);
        var generated = driver.GetRunResult().Results.Single().GeneratedSources;
        generatedFiles = generated.Length;
        generatedChars = generated.Sum(s => (long)s.SourceText.Length);
        return output;
    }

    /// <summary>
    /// The document with one line edited: the first line containing <paramref name="marker"/> gets a word appended
    /// (a description, so one generated type changes).
    /// </summary>
    public static string WithOneLineEdit(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"'{marker}' is not in the document; pick another line to edit.");
        int end = at + marker.Length;
        return text.Substring(0, end) + " (edited)" + text.Substring(end);
    }

    /// <summary>The text with the first "type: integer" after <paramref name="marker"/> changed to "type: number".</summary>
    /// <summary>The text with <paramref name="line"/>, which it holds once, replaced by <paramref name="replacement"/>.</summary>
    public static string WithOneLineReplaced(string text, string line, string replacement)
    {
        int at = text.IndexOf(line, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(line, at + 1, StringComparison.Ordinal) >= 0) throw new InvalidOperationException($"'{line}' is not in the document once; pick another line to edit.");
        return text.Substring(0, at) + replacement + text.Substring(at + line.Length);
    }

    public static string WithTypeEdit(string text, string marker)
    {
        int at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0) throw new InvalidOperationException($"'{marker}' is not in the document once; pick other lines to edit.");
        int type = text.IndexOf("type: integer", at, StringComparison.Ordinal);
        if (type < 0 || type > at + marker.Length) throw new InvalidOperationException($"'{marker}' holds no 'type: integer'.");
        return text.Substring(0, type) + "type: number" + text.Substring(type + "type: integer".Length);
    }

    /// <summary>Throws unless the driver's last run generated sources without errors (so a benchmark measures real work).</summary>
    public static GeneratorRunResult CheckRun(GeneratorDriver driver, int minimumTypes)
    {
        var result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null) throw new InvalidOperationException("The generator threw.", result.Exception);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("The generator reported errors: " + string.Join("; ", errors.Take(5)));
        int types = Uploads.Generators.Tests.Infrastructure.GeneratedTypes.Count(result.GeneratedSources);
        if (types < minimumTypes)
        {
            throw new InvalidOperationException($"The generator produced {types} types, expected at least {minimumTypes}.");
        }
        return result;
    }
}

/// <summary>An AdditionalFiles item held in memory, as MSBuild would pass it.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Global build properties and one set of AdditionalFiles metadata (every additional file gets it).</summary>
public sealed class InMemoryOptionsProvider(ImmutableDictionary<string, string> global, ImmutableDictionary<string, string> perFile) : AnalyzerConfigOptionsProvider
{
    private static readonly AnalyzerConfigOptions Empty = new Options(ImmutableDictionary<string, string>.Empty);
    private readonly AnalyzerConfigOptions _perFile = new Options(perFile);

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _perFile;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
