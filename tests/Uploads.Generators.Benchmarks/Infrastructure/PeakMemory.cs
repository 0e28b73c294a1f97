using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Uploads.Generators.Benchmarks.Generator;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>
/// Peak memory of one cold generation of OpenAI's document, ours against NSwag's, each in a fresh process of this
/// program (peak working set is per process, so BenchmarkDotNet's in-process run cannot show it). The child runs the
/// operation once (JIT, caches), collects, resets the kernel's peak-RSS mark (Linux: <c>/proc/self/clear_refs</c>),
/// runs it again and reports that run's peak working set, its growth over the working set before it, and the bytes
/// it allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/>).
/// </summary>
public static partial class PeakMemory
{
    public const string ChildFlag = "--peak-child";

    public sealed record Sample(
        string Tool,
        double FirstRunMs,
        double SecondRunMs,
        long AllocatedBytes,
        long WorkingSetBeforeBytes,
        long PeakWorkingSetBytes,
        bool PeakIsOfSecondRunOnly)
    {
        public long PeakGrowthBytes => PeakWorkingSetBytes - WorkingSetBeforeBytes;
    }

    /// <summary>Runs both children; null where the corpus is absent or a child failed (the reason is printed).</summary>
    public static IReadOnlyList<Sample> MeasureOpenAI()
    {
        var samples = new List<Sample>();
        if (!RepoPaths.HasOpenAISpec) return samples;
        string json = Path.Combine(Path.GetTempPath(), $"uploads-bench-openai-{Environment.ProcessId}.json");
        File.WriteAllText(json, OpenAIDocumentBenchmarks.ConvertToJson(RepoPaths.OpenAISpec));
        try
        {
            foreach (var (tool, input) in new[] { ("generator", RepoPaths.OpenAISpec), ("nswag", json) })
            {
                var sample = RunChildProcess(tool, input);
                if (sample is not null) samples.Add(sample);
            }
        }
        finally
        {
            File.Delete(json);
        }
        return samples;
    }

    private static Sample? RunChildProcess(string tool, string input)
    {
        Console.WriteLine($"// Peak memory: {tool} in a fresh process ...");
        if (SelfProcess.Run("Peak memory: " + tool, "PEAK", ChildFlag, tool, input) is not { } f) return null;
        return new Sample(tool, double.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture),
            long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture), long.Parse(f[4], CultureInfo.InvariantCulture), f[5] == "1");
    }

    /// <summary>The child's side: prints one line <c>PEAK firstMs secondMs allocated wsBefore peakWs resetWorked</c>.</summary>
    public static int RunChild(string tool, string input)
    {
        Func<object> operation;
        if (tool == "nswag")
        {
            string json = File.ReadAllText(input);
            operation = () => OpenAIDocumentBenchmarks.NSwagReadAndGenerate(json);
        }
        else
        {
            var document = new InMemoryAdditionalText("/consumer/" + Path.GetFileName(input), File.ReadAllText(input));
            var compilation = GeneratorInputs.CreateCompilation();
            operation = () => GeneratorInputs.CheckRun(GeneratorInputs.CreateDriver(document, "Consumer.Generated").RunGenerators(compilation), 2000);
        }

        var watch = Stopwatch.StartNew();
        GC.KeepAlive(operation());
        double first = watch.Elapsed.TotalMilliseconds;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        bool reset = ResetPeak();
        long before = ReadStatus("VmRSS");
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        GC.KeepAlive(operation());
        double second = watch.Elapsed.TotalMilliseconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        long peak = reset ? ReadStatus("VmHWM") : Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PEAK {first:F1} {second:F1} {allocated} {before} {peak} {(reset ? 1 : 0)}"));
        return 0;
    }

    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>A field of /proc/self/status in bytes (Linux); the process's working set elsewhere.</summary>
    private static long ReadStatus(string field)
    {
        if (File.Exists("/proc/self/status"))
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                var match = StatusLine().Match(line);
                if (match.Success && match.Groups[1].Value == field) return long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * 1024;
            }
        }
        using var self = Process.GetCurrentProcess();
        return field == "VmHWM" ? self.PeakWorkingSet64 : self.WorkingSet64;
    }

    [GeneratedRegex(@"^(\w+):\s+(\d+) kB")]
    private static partial Regex StatusLine();
}
