// Fuzzing the generator with structurally mutated documents.
//
// CI runs a fixed seed and a bounded number of cases (under three minutes on a 2-core machine). A longer campaign:
//
//   FUZZ_CASES=5000 FUZZ_SEED=123 dotnet test tests/Uploads.Generators.Tests --filter "FullyQualifiedName~Robustness.FuzzTests"
//
// FUZZ_DOCS=all adds the larger corpus documents as seeds (slower: their outputs take seconds to compile). With
// FUZZ_CASES or FUZZ_ONLY set, outputs with a 10,000-value enum are compiled too (about a minute each); CI only
// generates them.
// Every failing case is written to $TMPDIR/uploads-fuzz/seed-<seed>/case-<n>.{yaml,json} with a .txt note (mutations,
// diagnostics, compile errors) and the exact text as a JSON string (.exact-text.json, for lone surrogates). One case
// alone: FUZZ_SEED=<seed> FUZZ_ONLY=<n> with the same filter. Add --logger "console;verbosity=detailed" to see the summary.
using System.Collections.Concurrent;
using System.Diagnostics;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Robustness;

public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20260101;
    private const int DefaultCases = 300;

    /// <summary>
    /// The issue's assertion for every case: no exception (no CS8785), and either the output compiles or an OAG
    /// diagnostic at a real position in the document explains why not. OAG011 counts as a failure too: the README
    /// defines it as a generator bug. The run reports how many cases ran and groups failures by cause.
    /// </summary>
    [Fact]
    public void MutatedDocumentsNeverCrashTheGeneratorAndAlwaysCompileOrExplain()
    {
        int seed = EnvironmentInt("FUZZ_SEED") ?? DefaultSeed;
        int cases = EnvironmentInt("FUZZ_CASES") ?? DefaultCases;
        int? only = EnvironmentInt("FUZZ_ONLY");
        bool large = string.Equals(Environment.GetEnvironmentVariable("FUZZ_DOCS"), "all", StringComparison.OrdinalIgnoreCase);
        var watchdog = TimeSpan.FromSeconds(EnvironmentInt("FUZZ_WATCHDOG_SECONDS") ?? 60);
        var seeds = FuzzSeeds.Load(large);
        bool longCampaign = EnvironmentInt("FUZZ_CASES") is not null || EnvironmentInt("FUZZ_ONLY") is not null;

        var numbers = only is { } single ? new[] { single } : Enumerable.Range(0, cases).ToArray();
        var verdicts = new ConcurrentBag<FuzzVerdict>();
        var stopwatch = Stopwatch.StartNew();
        Parallel.ForEach(numbers, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) }, number =>
        {
            var fuzzCase = FuzzMutator.Create(seed, number, seeds);
            verdicts.Add(FuzzRunner.Run(fuzzCase, watchdog, compile: longCampaign || !fuzzCase.ExpensiveToCompile));
        });
        stopwatch.Stop();

        var all = verdicts.OrderBy(v => v.Case.Number).ToList();
        var failures = all.Where(v => !v.Passed).ToList();
        output.WriteLine($"Fuzz campaign: seed {seed}, {all.Count} cases from {seeds.Count} documents in {stopwatch.Elapsed.TotalSeconds:0.0} s.");
        output.WriteLine($"  nothing generated (unreadable or rejected): {all.Count(v => v.Passed && v.GeneratedFiles == 0)}");
        output.WriteLine($"  generated and compiled without errors:      {all.Count(v => v.Passed && v.GeneratedFiles > 0 && v.CompileErrors == 0)}");
        output.WriteLine($"  compile errors explained by a located OAG:  {all.Count(v => v.Passed && v.CompileErrors > 0)}");
        output.WriteLine($"  failed:                                     {failures.Count}");
        output.WriteLine($"  slowest case: {all.Max(v => v.Elapsed.TotalSeconds):0.0} s");
        foreach (var slow in all.OrderByDescending(v => v.Elapsed).Take(5))
        {
            output.WriteLine($"  slow: {slow.Elapsed.TotalSeconds:0.0} s, {slow.GeneratedFiles} files: {slow.Case.Describe()}");
        }
        foreach (var explained in all.Where(v => v.Passed && v.CompileErrors > 0).Take(5))
        {
            output.WriteLine($"  (explained) {explained.Case.Describe()}\n      {explained.FirstCompileErrors.FirstOrDefault()}");
        }

        foreach (var group in failures.GroupBy(v => v.Signature).OrderByDescending(g => g.Count()))
        {
            var first = group.First();
            string saved = FuzzRunner.Save(first, seed);
            foreach (var other in group.Skip(1).Take(4)) FuzzRunner.Save(other, seed);
            output.WriteLine($"\nFAILURE x{group.Count()}: {group.Key}");
            output.WriteLine($"  first: {first.Case.Describe()}");
            output.WriteLine($"  {first.Failure}");
            foreach (var line in first.Diagnostics.Take(6)) output.WriteLine("    " + line);
            foreach (var line in first.FirstCompileErrors.Take(3)) output.WriteLine("    " + line);
            output.WriteLine($"  document: {saved}");
            output.WriteLine($"  reproduce: FUZZ_SEED={seed} FUZZ_ONLY={first.Case.Number}");
            output.WriteLine($"  cases: {string.Join(", ", group.Select(v => v.Case.Number).Take(30))}");
        }

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {all.Count} fuzz cases failed (seed {seed}); causes: "
            + string.Join(" | ", failures.GroupBy(v => v.Signature).Select(g => $"{g.Count()}x {g.Key} (e.g. case {g.First().Case.Number}: {g.First().Case.Describe()})")));
    }

    /// <summary>The mutator itself is deterministic: a case is a pure function of the seed and its number.</summary>
    [Fact]
    public void ACaseIsReproducibleFromItsSeedAndNumber()
    {
        var seeds = FuzzSeeds.Load(includeLarge: false);
        for (int number = 0; number < 20; number++)
        {
            var first = FuzzMutator.Create(DefaultSeed, number, seeds);
            var second = FuzzMutator.Create(DefaultSeed, number, seeds);
            Assert.Equal(first.Text, second.Text);
            Assert.Equal(first.Mutations, second.Mutations);
            Assert.NotEmpty(first.Mutations);
        }
    }

    private static int? EnvironmentInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : null;
}
