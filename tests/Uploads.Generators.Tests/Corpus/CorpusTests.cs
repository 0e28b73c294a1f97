using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Corpus;

/// <summary>
/// Every document of the shared corpus (../shared/specs/corpus) through the generator and the compiler: no generator
/// exception, generated code without compiler errors or warnings, and every generator diagnostic located in a spec
/// file. One class, so its cases run one after another and share <see cref="CorpusRunner"/>'s results (each document
/// is generated and compiled once per run). Filter with <c>--filter Category=Corpus</c>.
/// </summary>
[Trait("Category", "Corpus")]
public class CorpusTests(ITestOutputHelper output)
{
    private const int ShownPerKind = 25;

    public static TheoryData<CorpusCase> Documents
    {
        get
        {
            var data = new TheoryData<CorpusCase>();
            foreach (var document in CorpusDocuments.All) data.Add(new CorpusCase(document.Name));
            return data;
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Documents))]
    public void DocumentGeneratesCompilingCodeAndLocatedDiagnostics(CorpusCase document)
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var result = CorpusRunner.Get(CorpusDocuments.Get(document.Name));

        output.WriteLine(CorpusTable.Format(new[] { result }));
        var problems = new List<string>();
        if (result.GeneratorException is not null) problems.Add("The generator threw: " + result.GeneratorException);
        Report(problems, "CS8785 (generator failed)", result.GeneratorDiagnostics.Where(d => d.Id == "CS8785"));
        Report(problems, "compiler errors", result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Error));
        Report(problems, "compiler warnings", result.CompilationProblems.Where(d => d.Severity == DiagnosticSeverity.Warning));
        Report(problems, "generator diagnostics without a position in a spec file", result.Unlocated);
        if (result.SourcesWithProseTokens.Count > 0) problems.Add("prose tokens left in " + string.Join(", ", result.SourcesWithProseTokens));

        Assert.True(problems.Count == 0, document.Name + " fails the corpus bar:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// Runs every document (reusing the theory's results) and prints the table to the test output, to stdout (which
    /// <c>dotnet test</c> shows in CI logs) and to <c>corpus-table.md</c> in the test results directory. A report, not
    /// a gate: the theory above is the gate.
    /// </summary>
    [SkippableFact]
    public void Table()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var missing = CorpusDocuments.All.Where(d => !File.Exists(d.RootPath)).Select(d => d.Name).ToList();
        Assert.True(missing.Count == 0, "Corpus documents missing: " + string.Join(", ", missing));

        var results = CorpusDocuments.All.Select(CorpusRunner.Get).ToList();
        string table = "Corpus table (" + Paths.CorpusRoot + "). Schemas and operations are counted in the root file as the corpus README does; "
            + "generator time is RunGeneratorsAndUpdateCompilation with a fresh driver; compile time is the output compilation's GetDiagnostics.\n\n"
            + CorpusTable.Format(results);

        output.WriteLine(table);
        Console.WriteLine(table);
        string file = CorpusTable.Write(table);
        output.WriteLine("Written to " + file);
        Console.WriteLine("Corpus table written to " + file);
    }

    private static void Report(List<string> problems, string kind, IEnumerable<CorpusDiagnostic> diagnostics)
    {
        var list = diagnostics.ToList();
        if (list.Count == 0) return;
        var byId = list.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " x" + g.Count());
        problems.Add($"{list.Count} {kind} ({string.Join(", ", byId)}):");
        problems.AddRange(list.Take(ShownPerKind).Select(d => "  " + d));
        if (list.Count > ShownPerKind) problems.Add($"  … and {list.Count - ShownPerKind} more");
    }
}

/// <summary>A theory case: the document's path in the corpus, shown whole in test names (xunit cuts strings at 50 characters).</summary>
public sealed class CorpusCase : IXunitSerializable
{
    public CorpusCase()
    {
        Name = "";
    }

    public CorpusCase(string name)
    {
        Name = name;
    }

    public string Name { get; private set; }

    public void Deserialize(IXunitSerializationInfo info) => Name = info.GetValue<string>(nameof(Name));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Name), Name);

    public override string ToString() => Name;
}
