using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>The corpus table: one row per document, plus totals and the generator diagnostics by ID.</summary>
public static class CorpusTable
{
    private static readonly string[] Header =
    {
        "Document", "Spec files", "Schemas (root file)", "Operations", "Generated files", "Generated types", "Generated lines",
        "Gen. errors", "Gen. warnings", "Gen. infos", "Compiler errors", "Compiler warnings", "Generator ms", "Compile ms", "Result",
    };

    public static string Format(IReadOnlyList<CorpusResult> results)
    {
        var rows = new List<string[]> { Header };
        foreach (var r in results) rows.Add(Row(r));
        if (results.Count > 1) rows.Add(new[]
        {
            "Total (" + results.Count + " documents)",
            N(results.Sum(r => r.SpecPaths.Count)),
            N(results.Sum(r => r.Schemas)),
            N(results.Sum(r => r.Operations)),
            N(results.Sum(r => r.GeneratedFiles)),
            N(results.Sum(r => r.GeneratedTypes)),
            N(results.Sum(r => r.GeneratedLines)),
            N(results.Sum(r => r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Error))),
            N(results.Sum(r => r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Warning))),
            N(results.Sum(r => r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Info))),
            N(results.Sum(r => r.Count(r.CompilationProblems, DiagnosticSeverity.Error))),
            N(results.Sum(r => r.Count(r.CompilationProblems, DiagnosticSeverity.Warning))),
            N((long)results.Sum(r => r.GeneratorTime.TotalMilliseconds)),
            N((long)results.Sum(r => r.CompileTime.TotalMilliseconds)),
            results.Count(r => Failures(r).Count == 0) + " pass",
        });

        var widths = new int[Header.Length];
        foreach (var row in rows)
        {
            for (int i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        var builder = new StringBuilder();
        for (int r = 0; r < rows.Count; r++)
        {
            builder.Append('|');
            for (int i = 0; i < rows[r].Length; i++)
            {
                string cell = rows[r][i];
                // Numbers right-aligned, text left-aligned.
                bool numeric = r > 0 && i > 0 && i < rows[r].Length - 1;
                builder.Append(' ').Append(numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])).Append(" |");
            }
            builder.Append('\n');
            if (r == 0)
            {
                builder.Append('|');
                for (int i = 0; i < widths.Length; i++)
                {
                    bool numeric = i > 0 && i < widths.Length - 1;
                    builder.Append(' ').Append(new string('-', widths[i] - (numeric ? 1 : 0))).Append(numeric ? ":" : "").Append(" |");
                }
                builder.Append('\n');
            }
        }

        builder.Append('\n').Append("Generator diagnostics by ID (count):\n");
        foreach (var r in results.Where(r => r.GeneratorDiagnostics.Count > 0))
        {
            var byId = r.GeneratorDiagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " x" + N(g.Count()));
            builder.Append("  ").Append(r.Document.Name).Append(": ").Append(string.Join(", ", byId)).Append('\n');
        }
        builder.Append('\n').Append("Compiler problems by ID (count):\n");
        foreach (var r in results.Where(r => r.CompilationProblems.Count > 0))
        {
            var byId = r.CompilationProblems.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + " x" + N(g.Count()));
            builder.Append("  ").Append(r.Document.Name).Append(": ").Append(string.Join(", ", byId)).Append('\n');
        }
        return builder.ToString();
    }

    /// <summary>
    /// Writes the table to <c>corpus-table.md</c> in the test results directory: <c>CORPUS_RESULTS_DIRECTORY</c> when
    /// set (CI can point it at its <c>--results-directory</c>), else the project's <c>TestResults</c> folder, which is
    /// where <c>dotnet test</c> puts results by default. Returns the file's path.
    /// </summary>
    public static string Write(string table)
    {
        string directory = Environment.GetEnvironmentVariable("CORPUS_RESULTS_DIRECTORY") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Paths.RepoRoot, "tests", "Uploads.Generators.Tests", "TestResults");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "corpus-table.md");
        File.WriteAllText(path, table);
        return path;
    }

    /// <summary>Why a document fails the corpus bar; empty when it passes.</summary>
    public static IReadOnlyList<string> Failures(CorpusResult r)
    {
        var failures = new List<string>();
        if (r.GeneratorException is not null) failures.Add("exception");
        if (r.GeneratorDiagnostics.Any(d => d.Id == "CS8785")) failures.Add("CS8785");
        if (r.Count(r.CompilationProblems, DiagnosticSeverity.Error) > 0) failures.Add("compile errors");
        if (r.Count(r.CompilationProblems, DiagnosticSeverity.Warning) > 0) failures.Add("compile warnings");
        if (r.Unlocated.Any()) failures.Add("unlocated diagnostics");
        return failures;
    }

    private static string[] Row(CorpusResult r)
    {
        var failures = Failures(r);
        return new[]
        {
            r.Document.Name,
            N(r.SpecPaths.Count),
            N(r.Schemas),
            N(r.Operations),
            N(r.GeneratedFiles),
            N(r.GeneratedTypes),
            N(r.GeneratedLines),
            N(r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Error)),
            N(r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Warning)),
            N(r.Count(r.GeneratorDiagnostics, DiagnosticSeverity.Info)),
            N(r.Count(r.CompilationProblems, DiagnosticSeverity.Error)),
            N(r.Count(r.CompilationProblems, DiagnosticSeverity.Warning)),
            N((long)r.GeneratorTime.TotalMilliseconds),
            N((long)r.CompileTime.TotalMilliseconds),
            failures.Count == 0 ? "pass" : "FAIL: " + string.Join(", ", failures),
        };
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
