using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.CodeAnalysis;
using Uploads.Benchmarks.Models;
using Uploads.Benchmarks.Stj;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>
/// The first use of a JSON context in a fresh process: its first metadata lookup (an <c>Upload</c>) and its first
/// deserialization (from when the context is at hand), what an application pays once at start-up and BenchmarkDotNet's
/// warmed-up runs never show. Three
/// contexts: the one generated from OpenAI's whole document (2,469 types; its generated code is compiled here, in
/// Release, into a temporary assembly), the one generated from the Uploads spec, and System.Text.Json's source
/// generator on the hand-written record. Each is measured in several child processes of this program; medians.
/// </summary>
public static class FirstUse
{
    public const string ChildFlag = "--first-use-child";

    private const int Processes = 5;

    public sealed record Sample(string Context, int Types, double LookupMs, double DeserializeMs);

    public static IReadOnlyList<Sample> Measure()
    {
        var samples = new List<Sample>();
        string? openAI = RepoPaths.HasOpenAISpec ? CompileOpenAI() : null;
        try
        {
            if (openAI is not null) Add(samples, "OpenAI's document, generated", "openai", openAI);
            Add(samples, "Uploads spec, generated", "uploads", "");
            Add(samples, "System.Text.Json source generator, hand-written record", "stj", "");
        }
        finally
        {
            if (openAI is not null) File.Delete(openAI);
        }
        return samples;
    }

    /// <summary>The child's side: prints <c>FIRSTUSE types lookupMs deserializeMs</c>.</summary>
    public static int RunChild(string context, string assemblyPath)
    {
        JsonSerializerContext json;
        Type upload;
        switch (context)
        {
            case "openai":
                var assembly = Assembly.LoadFrom(assemblyPath);
                json = (JsonSerializerContext)assembly.GetType("Consumer.Generated.OpenAIApiJsonContext", throwOnError: true)!.GetProperty("Default")!.GetValue(null)!;
                upload = assembly.GetType("Consumer.Generated.Upload", throwOnError: true)!;
                break;
            case "uploads":
                json = Uploads.Benchmarks.Generated.OpenAIApiJsonContext.Default;
                upload = typeof(Uploads.Benchmarks.Generated.Upload);
                break;
            default:
                json = StjUploadsContext.Default;
                upload = typeof(StjUpload);
                break;
        }
        var watch = Stopwatch.StartNew();
        var info = json.GetTypeInfo(upload) ?? throw new InvalidOperationException("no metadata for " + upload);
        double lookup = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        object? value = JsonSerializer.Deserialize(Payloads.UploadUtf8, info);
        double deserialize = watch.Elapsed.TotalMilliseconds;
        if (value is null) throw new InvalidOperationException("nothing read");
        int types = json.GetType().GetProperties().Count(p => p.PropertyType.IsGenericType && p.PropertyType.Name.StartsWith("JsonTypeInfo", StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FIRSTUSE {types} {lookup:F2} {deserialize:F2}"));
        return 0;
    }

    /// <summary>OpenAI's document through the generator, compiled in Release to a temporary assembly; its path.</summary>
    private static string CompileOpenAI()
    {
        Console.WriteLine("// First use: compiling the code generated from OpenAI's document ...");
        var output = GeneratorInputs.CompilationWithOpenAI(out _, out _);
        output = output.WithOptions(output.Options.WithOptimizationLevel(OptimizationLevel.Release)).WithAssemblyName("Consumer.Generated");
        string path = Path.Combine(Path.GetTempPath(), $"uploads-bench-first-use-{Environment.ProcessId}.dll");
        using (var stream = File.Create(path))
        {
            var emit = output.Emit(stream);
            if (!emit.Success) throw new InvalidOperationException("The generated code does not compile: " + string.Join("; ", emit.Diagnostics.Take(5)));
        }
        return path;
    }

    private static void Add(List<Sample> samples, string label, string context, string assemblyPath)
    {
        var runs = new List<(int Types, double Lookup, double Deserialize)>();
        for (int i = 0; i < Processes; i++)
        {
            if (SelfProcess.Run("First use: " + context, "FIRSTUSE", ChildFlag, context, assemblyPath) is not { } f) return;
            runs.Add((int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture)));
        }
        samples.Add(new Sample(label, runs[0].Types, Median(runs.Select(r => r.Lookup)), Median(runs.Select(r => r.Deserialize))));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
