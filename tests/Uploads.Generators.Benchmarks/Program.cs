using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Uploads.Generators.Benchmarks.Client;
using Uploads.Generators.Benchmarks.Generator;
using Uploads.Generators.Benchmarks.Infrastructure;
using Uploads.Generators.Benchmarks.Json;

namespace Uploads.Generators.Benchmarks;

/// <summary>
/// dotnet run -c Release --project tests/Uploads.Generators.Benchmarks -- [--short] [--no-peak] [--no-first-use] [--no-build] | --first-use-only | --warm-compile-only
///     [--build-repeat N] [BenchmarkDotNet options, e.g. --filter *Json*]
/// </summary>
public static class Program
{
    /// <summary>Every benchmark class; add a new one here (and, if it has a target, a row in <see cref="TargetsReport"/>).</summary>
    private static readonly Type[] Benchmarks =
    {
        typeof(OpenAIDocumentBenchmarks),
        typeof(OpenAIDocumentSteadyStateBenchmarks),
        typeof(UploadsSpecBenchmarks),
        typeof(UploadJsonBenchmarks),
        typeof(CancelUploadBenchmarks),
    };

    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == PeakMemory.ChildFlag) return PeakMemory.RunChild(args[1], args[2]);
        if (args.Length == 3 && args[0] == FirstUse.ChildFlag) return FirstUse.RunChild(args[1], args[2]);
        if (args.Length == 1 && args[0] == "--first-use-only")
        {
            foreach (var sample in FirstUse.Measure()) Console.WriteLine(sample);
            return 0;
        }
        if (args.Length == 1 && args[0] == "--warm-compile-only")
        {
            Console.WriteLine(WarmCompile.Measure());
            return 0;
        }

        var rest = args.ToList();
        bool shortMode = Take(rest, "--short");
        bool peak = !Take(rest, "--no-peak");
        bool build = !Take(rest, "--no-build");
        bool firstUse = !Take(rest, "--no-first-use");
        int buildRepeat = TakeValue(rest, "--build-repeat") ?? (shortMode ? 1 : 3);
        if (!rest.Contains("--filter")) rest.AddRange(new[] { "--filter", "*" });

        var watch = Stopwatch.StartNew();
        string loadBefore = LoadAverage();

        // In-process: no child project is generated and built (it would pick up the repository's Directory.Build.props
        // and artifacts paths); NSwag and our generator run in this very process, as the issue asks.
        var job = (shortMode
                ? Job.Default.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(3).WithId("Short")
                : Job.Default.WithMinIterationCount(6).WithMaxIterationCount(20).WithId("Full"))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddColumn(StatisticColumn.Median)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
            .WithOptions(ConfigOptions.StopOnFirstError)
            .HideColumns(Column.Job, Column.Toolchain, Column.LaunchCount, Column.WarmupCount, Column.IterationCount);

        var types = RepoPaths.HasOpenAISpec ? Benchmarks : Benchmarks.Where(t => !typeof(OpenAIDocumentBenchmarks).IsAssignableFrom(t)).ToArray();
        if (!RepoPaths.HasOpenAISpec)
        {
            Console.WriteLine($"// OpenAI's document is not at {RepoPaths.OpenAISpec} (the shared corpus is absent): its benchmarks, the peak-memory and build measurements are skipped.");
        }
        var summaries = BenchmarkSwitcher.FromTypes(types).Run(rest.ToArray(), config).ToList();

        bool filtered = rest.IndexOf("--filter") is int at && at >= 0 && at + 1 < rest.Count && rest[at + 1] != "*";
        var peaks = peak && !filtered ? PeakMemory.MeasureOpenAI() : Array.Empty<PeakMemory.Sample>();
        var firstUses = firstUse && !filtered ? FirstUse.Measure() : Array.Empty<FirstUse.Sample>();
        var buildResult = build && !filtered ? BuildMeasurement.Run(buildRepeat) : null;
        var warmCompile = build && !filtered ? WarmCompile.Measure() : null;

        string environment =
            $"Mode: {(shortMode ? "short" : "full")}; in-process (InProcessEmitToolchain); {Environment.ProcessorCount} cores; " +
            $".NET {Environment.Version}; load average before {loadBefore}, after {LoadAverage()}; total run time {watch.Elapsed:m\\:ss}.";
        string report = TargetsReport.Build(summaries, peaks, firstUses, buildResult, warmCompile, environment);
        Console.WriteLine();
        Console.WriteLine(report);
        string artifacts = summaries.FirstOrDefault()?.ResultsDirectoryPath ?? Path.Combine(Environment.CurrentDirectory, "BenchmarkDotNet.Artifacts", "results");
        Directory.CreateDirectory(artifacts);
        string file = Path.Combine(artifacts, "targets.md");
        File.WriteAllText(file, report);
        Console.WriteLine($"// Targets written to {file}");
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static bool Take(List<string> args, string flag) => args.Remove(flag);

    private static int? TakeValue(List<string> args, string flag)
    {
        int at = args.IndexOf(flag);
        if (at < 0 || at + 1 >= args.Count) return null;
        int value = int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture);
        args.RemoveRange(at, 2);
        return value;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
