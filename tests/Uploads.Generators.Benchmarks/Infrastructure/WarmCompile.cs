using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>
/// The consumer's compilation with OpenAI's generated code, compiled by a compiler that is already warm, as the compiler
/// server keeps it on a developer's machine (this machine's builds run without it, so <c>measure-build.sh</c>'s
/// CoreCompile includes a cold csc). The generator runs once; then the same syntax trees are compiled (bound, checked,
/// emitted to memory, in Debug like a build) several times in this process, each time as a new compilation, and the
/// runs after the first are reported. Supplementary, no target.
/// </summary>
public static class WarmCompile
{
    private const int Runs = 4;

    public sealed record Result(double FirstMs, double WarmMedianMs, long GeneratedChars, int GeneratedFiles);

    public static Result? Measure()
    {
        if (!RepoPaths.HasOpenAISpec) return null;
        Console.WriteLine("// Warm compile: compiling the consumer with the code generated from OpenAI's document, in-process ...");
        var output = GeneratorInputs.CompilationWithOpenAI(out int generatedFiles, out long generatedChars);
        var times = new List<double>();
        for (int i = 0; i < Runs; i++)
        {
            // A new compilation over the same trees: nothing bound is reused, parsing is (a build parses once too).
            var compilation = output.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees);
            var watch = Stopwatch.StartNew();
            using var image = new MemoryStream();
            var emit = compilation.Emit(image);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (!emit.Success) throw new InvalidOperationException("The generated code does not compile: " + string.Join("; ", emit.Diagnostics.Take(5)));
        }
        var warm = times.Skip(1).OrderBy(t => t).ToList();
        return new Result(times[0], warm[warm.Count / 2], generatedChars, generatedFiles);
    }
}
