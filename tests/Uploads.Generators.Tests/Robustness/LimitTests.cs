using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Uploads.Generators.Tests.Robustness;

/// <summary>
/// Pathological structure finishes in bounded time and memory with a diagnostic rather than hanging the IDE or
/// crashing the compiler, and cancellation is honoured. Time is bounded by a generous watchdog (a cancellation token),
/// never by a speed assertion. Structures deep enough to threaten the stack run in a child process with a 1 MB stack
/// (the default of a thread on Windows, where Visual Studio and csc run generators): a stack overflow cannot be caught
/// and would otherwise take the whole test run down, as it takes down the compiler or the IDE.
/// </summary>
public class LimitTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(60);

    public static TheoryData<string> ExtremeCases => new()
    {
        "json-properties-10000",
        "json-items-10000",
        "json-allOf-10000",
        "json-raw-arrays-10000",
        "yaml-flow-properties-10000",
        "yaml-flow-items-10000",
        "yaml-block-properties-1000",
        "yaml-raw-sequences-10000",
        // Just inside the JSON nesting limit (256 levels of JSON, README OAG016): accepted, so they must not overflow either.
        "json-properties-125",
        "json-items-250",
        "json-additionalProperties-250",
        "json-allOf-120",
        "chain-properties-3000",
        "chain-items-3000",
        "chain-alias-3000",
        "chain-allOf-3000",
    };

    /// <summary>
    /// 10,000 levels of nesting (JSON and YAML), and chains of thousands of components each referring to the next:
    /// the process must survive (no stack overflow) and the case must pass the fuzz criteria (no exception, no OAG011,
    /// a located diagnostic when nothing usable is generated).
    /// </summary>
    [Theory]
    [MemberData(nameof(ExtremeCases))]
    public void ExtremeStructureDoesNotCrashTheProcess(string name)
    {
        var result = ChildProcess.Run(typeof(LimitChild), nameof(LimitChild.Run), TimeSpan.FromMinutes(5), name);
        output.WriteLine(result.ToString());
        bool overflow = result.StandardError.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase) || result.ExitCode == 134;
        Assert.False(overflow, $"CRITICAL: '{name}' overflows the stack; this kills the compiler or the IDE process. {result}");
        Assert.False(result.TimedOut, $"'{name}' did not finish in 5 minutes. {result}");
        Assert.True(result.ExitCode == 0, $"'{name}' failed in the child process: {result}");
    }

    /// <summary>
    /// A chain of 300 records, each with a property of the next, is typed to its end: a record is read without the
    /// components it refers to, so a chain longer than the nesting limit (160) nests nothing. The 160th link used to
    /// become JsonElement, with OAG008.
    /// </summary>
    [Fact]
    public void AChainOfRecordsLongerThanTheNestingLimitIsTypedToItsEnd()
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/chain.json", PathologicalDocuments.ComponentChain("properties", 300)));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems());
        foreach (int link in new[] { 0, 159, 160, 299 })
        {
            var next = result.Output.GetTypeByMetadataName("Test.Api.A" + link)!.GetMembers("Next").OfType<IPropertySymbol>().Single();
            Assert.Equal("A" + (link + 1), next.Type.Name);
        }
    }

    [Theory]
    [InlineData("properties")]
    [InlineData("items")]
    [InlineData("additionalProperties")]
    [InlineData("allOf")]
    public void HundredLevelNestingInJsonGeneratesCodeThatCompiles(string shape)
    {
        var verdict = Run("nested-" + shape, "json", PathologicalDocuments.NestedJson(shape, 100));
        Assert.True(verdict.Passed, verdict.Failure);
        Assert.True(verdict.GeneratedFiles > 0, "nothing was generated");
        Assert.Equal(0, verdict.CompileErrors);
    }

    /// <summary>
    /// The same 100-level document in YAML is read as it is in JSON, or rejected with a located error (the README's
    /// OAG016: YAML allows 64 levels): finished, explained, and never half-generated.
    /// </summary>
    [Theory]
    [InlineData("properties")]
    [InlineData("items")]
    public void HundredLevelNestingInYamlIsReadLikeJsonOrRejectedWithALocatedError(string shape)
    {
        var json = GeneratorHarness.Run(new SpecFile("/specs/deep.json", PathologicalDocuments.NestedJson(shape, 100)));
        var yaml = GeneratorHarness.Run(new SpecFile("/specs/deep.yaml", PathologicalDocuments.NestedYamlFlow(shape, 100))).AssertNoCrash(output);
        var rejection = yaml.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && FuzzRunner.IsLocatedIn(d, "/specs/deep.yaml")).ToList();
        if (rejection.Count > 0)
        {
            Assert.Empty(yaml.Sources);
        }
        else
        {
            Assert.Equal(
                json.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal),
                yaml.Sources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal));
        }
    }

    public static TheoryData<string, string, bool> Cycles => new()
    {
        // name, components (YAML), whether the cycle must be reported
        { "A allOf B, B allOf A", "A: { allOf: [ { $ref: '#/components/schemas/B' } ] }\n    B: { allOf: [ { $ref: '#/components/schemas/A' } ] }", true },
        { "A allOf B+props, B allOf A+props", "A: { allOf: [ { $ref: '#/components/schemas/B' }, { properties: { a: { type: string } } } ] }\n    B: { allOf: [ { $ref: '#/components/schemas/A' }, { properties: { b: { type: string } } } ] }", true },
        { "A allOf [A, {properties}]", "A: { allOf: [ { $ref: '#/components/schemas/A' }, { type: object, properties: { x: { type: string } } } ] }", true },
        { "A allOf [A]", "A: { allOf: [ { $ref: '#/components/schemas/A' } ] }", true },
        { "three-cycle through allOf", "A: { allOf: [ { $ref: '#/components/schemas/B' }, { properties: { a: { type: string } } } ] }\n    B: { allOf: [ { $ref: '#/components/schemas/C' }, { properties: { b: { type: string } } } ] }\n    C: { allOf: [ { $ref: '#/components/schemas/A' }, { properties: { c: { type: string } } } ] }", true },
        { "A is $ref A", "A: { $ref: '#/components/schemas/A' }", true },
        { "array of itself", "A: { type: array, items: { $ref: '#/components/schemas/A' } }", true },
        { "map of itself", "A: { type: object, additionalProperties: { $ref: '#/components/schemas/A' } }", true },
        { "anyOf itself and null", "A: { anyOf: [ { $ref: '#/components/schemas/A' }, { type: 'null' } ] }", true },
        { "record with a property of its own type (legal recursion)", "A: { type: object, properties: { next: { $ref: '#/components/schemas/A' }, items: { type: array, items: { $ref: '#/components/schemas/A' } } } }", false },
    };

    /// <summary>A $ref cycle through allOf (and other self-references) finishes, with a located diagnostic, and compiles.</summary>
    [Theory]
    [MemberData(nameof(Cycles))]
    public void ReferenceCyclesFinishWithALocatedDiagnostic(string name, string components, bool reported)
    {
        string text = "openapi: 3.1.0\ninfo: { title: Cycles, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    " + components + "\n    User:\n      type: object\n      properties:\n        a: { $ref: '#/components/schemas/A' }\n";
        var verdict = Run(name, "yaml", text);
        foreach (var d in verdict.Diagnostics) output.WriteLine(d);
        Assert.True(verdict.Passed, verdict.Failure);
        Assert.Equal(0, verdict.CompileErrors);
        if (reported)
        {
            Assert.True(verdict.HasLocatedDiagnostic, $"'{name}' generated no located diagnostic");
        }
        else
        {
            Assert.DoesNotContain(verdict.Diagnostics, d => d.Contains("warning", StringComparison.Ordinal) || d.Contains("error", StringComparison.Ordinal));
        }
    }

    /// <summary>A ~10 MB document (about 1,400 schemas of 12 described properties, 140 operations) finishes under the watchdog.</summary>
    [Fact]
    public void TenMegabyteDocumentFinishesInBoundedTimeAndMemory()
    {
        string text = PathologicalDocuments.Large(10);
        output.WriteLine($"document: {text.Length / 1024.0 / 1024.0:0.0} M characters");
        Assert.InRange(text.Length, 9 * 1024 * 1024, 40 * 1024 * 1024);

        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var stopwatch = Stopwatch.StartNew();
        var verdict = FuzzRunner.Run(Case("large", "json", text), TimeSpan.FromSeconds(120), compile: false);
        stopwatch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        output.WriteLine($"generated {verdict.GeneratedTypes} types in {verdict.GeneratedFiles} files in {stopwatch.Elapsed.TotalSeconds:0.0} s; about {allocated / 1024 / 1024} MB allocated by the process meanwhile");
        foreach (var d in verdict.Diagnostics.Take(20)) output.WriteLine(d);

        Assert.True(verdict.Passed, verdict.Failure);
        Assert.True(verdict.GeneratedTypes > 1000, $"only {verdict.GeneratedTypes} types generated");
        // Bounded memory, generously: well under what an IDE process can afford for one document.
        Assert.True(allocated < 16L * 1024 * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated");
    }

    /// <summary>
    /// An enum of 10,000 values: generation finishes under the watchdog and the output compiles. The compile time is
    /// reported, not asserted (Roslyn spends most of it on the generated switch statements).
    /// </summary>
    [Fact]
    public void TenThousandEnumValuesGenerateAndCompile()
    {
        var values = new System.Text.Json.Nodes.JsonArray();
        for (int i = 0; i < 10_000; i++) values.Add("value-" + i + (i % 3 == 0 ? "/x" : ""));
        string text = PathologicalDocuments.Document(new System.Text.Json.Nodes.JsonObject
        {
            ["Big"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "string", ["enum"] = values },
            ["Holder"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "object", ["properties"] = new System.Text.Json.Nodes.JsonObject { ["big"] = new System.Text.Json.Nodes.JsonObject { ["$ref"] = "#/components/schemas/Big" } } },
        });
        var stopwatch = Stopwatch.StartNew();
        var generated = FuzzRunner.Run(Case("big-enum", "json", text), Watchdog, compile: false);
        output.WriteLine($"generated in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(generated.Passed, generated.Failure);
        Assert.True(generated.GeneratedFiles >= 3);

        stopwatch.Restart();
        var compiled = FuzzRunner.Run(Case("big-enum", "json", text), Watchdog, compile: true);
        output.WriteLine($"generated and compiled in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(compiled.Passed, compiled.Failure);
        Assert.Equal(0, compiled.CompileErrors);
    }

    /// <summary>Cancellation is honoured promptly on a large document (no corpus needed), and a fresh run still produces everything.</summary>
    [Fact]
    public void CancellationOfALargeDocumentIsHonouredPromptly()
    {
        var spec = new SpecFile("/specs/large.json", PathologicalDocuments.Large(10));
        AssertCancellationIsPrompt(spec, expectedTypes: 1000);
    }

    /// <summary>The issue's case: OpenAI's 3 MB document, cancelled after ~100 ms, then run again with a fresh token.</summary>
    [SkippableFact]
    public void CancellationOfOpenAIsDocumentIsHonouredPromptlyAndAFreshRunProducesEverything()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var spec = new SpecFile("/corpus/openai/openapi.yaml", File.ReadAllText(Path.Combine(Paths.CorpusRoot, "openai", "openapi.yaml")));
        AssertCancellationIsPrompt(spec, expectedTypes: 1400);
    }

    private void AssertCancellationIsPrompt(SpecFile spec, int expectedTypes)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(new[] { spec });

        using (var cancellation = new CancellationTokenSource())
        {
            var cancelledAt = new TaskCompletionSource<long>();
            var stopwatch = Stopwatch.StartNew();
            // A thread of its own, not a timer: with the thread pool busy (tests run in parallel on 2 cores), a timer's
            // callback can come a second late, after the generator (now quicker than that) has finished.
            var canceller = new Thread(() =>
            {
                Thread.Sleep(100);
                cancelledAt.TrySetResult(stopwatch.ElapsedMilliseconds);
                cancellation.Cancel();
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            canceller.Start();
            var exception = Record.Exception(() => driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out _, cancellation.Token));
            canceller.Join();
            long thrownAt = stopwatch.ElapsedMilliseconds;
            output.WriteLine($"cancelled at {(cancelledAt.Task.IsCompleted ? cancelledAt.Task.Result : -1)} ms, run ended at {thrownAt} ms: {exception?.GetType().Name ?? "no exception"}");
            Assert.IsAssignableFrom<OperationCanceledException>(exception);
            Assert.True(cancelledAt.Task.IsCompleted);
            // Promptly: within a few seconds of the request (generous, the machine may be busy).
            Assert.True(thrownAt - cancelledAt.Task.Result < 10_000, $"cancellation took {thrownAt - cancelledAt.Task.Result} ms to be honoured");
        }

        // The driver is immutable: the same driver with a fresh token produces the full output.
        using var fresh = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var completed = driver.RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics, fresh.Token);
        var run = completed.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CS8785" or "OAG011");
        int types = GeneratedTypes.Count(run.GeneratedSources);
        Assert.True(types > expectedTypes, $"only {types} types after the fresh run");
        Assert.Contains(run.GeneratedSources, s => s.HintName.EndsWith("JsonContext.g.cs", StringComparison.Ordinal));
    }

    private static FuzzVerdict Run(string name, string extension, string text) => FuzzRunner.Run(Case(name, extension, text), Watchdog);

    internal static FuzzCase Case(string name, string extension, string text) =>
        new(0, new FuzzSeed(name, extension, text), extension, text, new[] { name }, "Enum");
}

/// <summary>The child-process side of <see cref="LimitTests.ExtremeStructureDoesNotCrashTheProcess"/>.</summary>
public static class LimitChild
{
    /// <summary>Builds the named document, runs the generator on a 1 MB stack and prints the verdict; 0 when it passed.</summary>
    public static int Run(string[] args)
    {
        string name = args[0];
        var parts = name.Split('-');
        int size = int.Parse(parts[^1], System.Globalization.CultureInfo.InvariantCulture);
        string shape = parts.Length > 2 ? parts[1] : "";
        (string extension, string text) = parts[0] switch
        {
            "json" when shape == "raw" => ("json", PathologicalDocuments.NestedRawArrays(size, json: true)),
            "json" => ("json", PathologicalDocuments.NestedJson(shape, size)),
            "yaml" when parts[1] == "flow" => ("yaml", PathologicalDocuments.NestedYamlFlow(parts[2], size)),
            "yaml" when parts[1] == "block" => ("yaml", PathologicalDocuments.NestedYamlBlock(size)),
            "yaml" when parts[1] == "raw" => ("yaml", PathologicalDocuments.NestedRawArrays(size, json: false)),
            "chain" => ("json", PathologicalDocuments.ComponentChain(shape, size)),
            _ => throw new ArgumentException("Unknown case " + name),
        };
        Console.WriteLine($"{name}: {text.Length} characters");

        FuzzVerdict? verdict = null;
        Exception? error = null;
        var stopwatch = Stopwatch.StartNew();
        var thread = new Thread(
            () =>
            {
                try
                {
                    verdict = FuzzRunner.Run(LimitTests.Case(name, extension, text), TimeSpan.FromSeconds(60), compile: false);
                }
                catch (Exception ex)
                {
                    error = ex;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        Console.WriteLine($"finished in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        if (error is not null)
        {
            Console.WriteLine("FAIL: " + error);
            return 1;
        }
        Console.WriteLine($"{verdict!.GeneratedFiles} files generated");
        foreach (var d in verdict.Diagnostics.Take(10)) Console.WriteLine("  " + d);
        Console.WriteLine(verdict.Passed ? "PASS" : "FAIL: " + verdict.Failure);
        return verdict.Passed ? 0 : 1;
    }
}
