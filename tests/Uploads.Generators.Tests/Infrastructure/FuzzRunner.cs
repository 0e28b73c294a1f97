using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>What one fuzz case did: its failure (null when it passed) and what was seen on the way.</summary>
public sealed record FuzzVerdict(
    FuzzCase Case,
    string? Failure,
    string? Signature,
    TimeSpan Elapsed,
    int GeneratedFiles,
    int GeneratedTypes,
    int CompileErrors,
    bool HasLocatedDiagnostic,
    IReadOnlyList<string> Diagnostics,
    IReadOnlyList<string> FirstCompileErrors)
{
    public bool Passed => Failure is null;
}

/// <summary>
/// Runs the generator on one <see cref="FuzzCase"/> and judges it. A case fails when:
/// <list type="bullet">
/// <item>the driver or the generator throws, or reports CS8785 (the compiler's "generator failed");</item>
/// <item>it does not finish before the watchdog (a hang, as an IDE would see it);</item>
/// <item>the generator reports OAG011, which the README defines as a generator bug ("please report it with the document");</item>
/// <item>the output does not compile and no OAG diagnostic with a real position in the document explains why.</item>
/// </list>
/// </summary>
public static class FuzzRunner
{
    private static readonly Lazy<CSharpCompilation> Consumer = new(() => GeneratorHarness.CreateCompilation());

    public static FuzzVerdict Run(FuzzCase fuzzCase, TimeSpan watchdog, bool compile = true)
    {
        string path = SpecPath(fuzzCase);
        var spec = new SpecFile(path, fuzzCase.Text, EnumStyle: fuzzCase.EnumStyle);
        var stopwatch = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver(new[] { spec });
        Compilation output;
        System.Collections.Immutable.ImmutableArray<Diagnostic> generatorDiagnostics;
        using (var cancellation = new CancellationTokenSource(watchdog))
        {
            try
            {
                driver = driver.RunGeneratorsAndUpdateCompilation(Consumer.Value, out output, out generatorDiagnostics, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return Fail(fuzzCase, stopwatch, $"hang: the generator did not finish within {watchdog.TotalSeconds:0} s", "hang");
            }
            catch (Exception ex)
            {
                return Fail(fuzzCase, stopwatch, "the driver threw " + ex, "driver threw " + ex.GetType().Name);
            }
        }

        var run = driver.GetRunResult().Results.Single();
        var diagnostics = generatorDiagnostics.Select(Format).ToList();
        if (run.Exception is not null)
        {
            return Fail(fuzzCase, stopwatch, "the generator threw " + run.Exception, "generator threw " + run.Exception.GetType().Name, diagnostics);
        }
        var crash = generatorDiagnostics.FirstOrDefault(d => d.Id == "CS8785");
        if (crash is not null) return Fail(fuzzCase, stopwatch, "CS8785: " + crash.GetMessage(), "CS8785 " + Normalize(crash.GetMessage()), diagnostics);
        var internalError = generatorDiagnostics.FirstOrDefault(d => d.Id == "OAG011");
        if (internalError is not null)
        {
            return Fail(fuzzCase, stopwatch, "OAG011 (the generator failed internally): " + Format(internalError), "OAG011 " + Normalize(internalError.GetMessage()), diagnostics);
        }

        bool located = generatorDiagnostics.Any(d => d.Id.StartsWith("OAG", StringComparison.Ordinal) && IsLocatedIn(d, path));
        var errors = run.GeneratedSources.Length == 0 || !compile ? new List<Diagnostic>() : CompileErrors(output);
        var firstErrors = errors.Take(5).Select(d => d.ToString()).ToList();
        if (errors.Count > 0 && !located)
        {
            return new FuzzVerdict(
                fuzzCase,
                $"the output has {errors.Count} compile error(s) and no OAG diagnostic located in the document explains them",
                "unexplained " + errors[0].Id + " " + Normalize(errors[0].GetMessage()),
                stopwatch.Elapsed, run.GeneratedSources.Length, Infrastructure.GeneratedTypes.Count(run.GeneratedSources), errors.Count, located, diagnostics, firstErrors);
        }
        return new FuzzVerdict(fuzzCase, null, null, stopwatch.Elapsed, run.GeneratedSources.Length, Infrastructure.GeneratedTypes.Count(run.GeneratedSources), errors.Count, located, diagnostics, firstErrors);
    }

    /// <summary>
    /// Errors of a full compile: binding (GetDiagnostics) plus a metadata-only emit, which is where limits of the
    /// assembly format such as CS7013 (a name longer than metadata allows) are reported.
    /// </summary>
    public static List<Diagnostic> CompileErrors(Compilation output)
    {
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error || d.Id == "CS8785").ToList();
        if (errors.Count == 0)
        {
            using var metadata = new MemoryStream();
            errors.AddRange(output.Emit(metadata, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(metadataOnly: true)).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }
        return errors;
    }

    public static string SpecPath(FuzzCase fuzzCase) =>
        $"/fuzz/{fuzzCase.Seed.Name.Replace('/', '_')}/case-{fuzzCase.Number}.{fuzzCase.Extension}";

    /// <summary>In the document at a real position (not the empty placeholder at its first character).</summary>
    public static bool IsLocatedIn(Diagnostic diagnostic, string path)
    {
        var span = diagnostic.Location.GetLineSpan();
        return diagnostic.Location.Kind == LocationKind.ExternalFile
            && span.Path == path
            && (span.StartLinePosition.Line > 0 || span.StartLinePosition.Character > 0 || diagnostic.Location.SourceSpan.Length > 0);
    }

    /// <summary>Writes the document and a note on how it failed, so the case can be reproduced; returns the document's path.</summary>
    public static string Save(FuzzVerdict verdict, int campaignSeed)
    {
        string directory = Path.Combine(Path.GetTempPath(), "uploads-fuzz", "seed-" + campaignSeed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        string name = "case-" + verdict.Case.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string document = Path.Combine(directory, name + "." + verdict.Case.Extension);
        File.WriteAllText(document, verdict.Case.Text);
        // The exact text, lone surrogates included (UTF-8 files cannot hold them), as a JSON string.
        File.WriteAllText(Path.Combine(directory, name + ".exact-text.json"), JsonSerializer.Serialize(verdict.Case.Text));
        File.WriteAllText(Path.Combine(directory, name + ".txt"), string.Join('\n', new[]
        {
            verdict.Case.Describe(),
            "Failure: " + verdict.Failure,
            $"Reproduce: FUZZ_SEED={campaignSeed} FUZZ_ONLY={verdict.Case.Number} dotnet test tests/Uploads.Generators.Tests --filter \"FullyQualifiedName~Robustness.FuzzTests\"",
            "Generator diagnostics:",
        }.Concat(verdict.Diagnostics).Append("Compile errors:").Concat(verdict.FirstCompileErrors)));
        return document;
    }

    private static FuzzVerdict Fail(FuzzCase fuzzCase, Stopwatch stopwatch, string failure, string signature, IReadOnlyList<string>? diagnostics = null) =>
        new(fuzzCase, failure, signature, stopwatch.Elapsed, 0, 0, 0, false, diagnostics ?? Array.Empty<string>(), Array.Empty<string>());

    private static string Format(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        string where = span.IsValid ? $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}) len {d.Location.SourceSpan.Length}" : "(no location)";
        string message = d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        return $"{where}: {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {(message.Length > 300 ? message.Substring(0, 300) + "…" : message)}";
    }

    /// <summary>A message with its specifics (names, numbers, positions) blanked, to group failures by cause.</summary>
    public static string Normalize(string message)
    {
        string normalized = Regex.Replace(message, @"'[^']*'|""[^""]*""|\d+|Key: \S+|LineNumber: .*", "…");
        return normalized.Length > 120 ? normalized.Substring(0, 120) : normalized;
    }
}
