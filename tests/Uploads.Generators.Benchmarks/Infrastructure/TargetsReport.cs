using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using Uploads.Generators.Benchmarks.Client;
using Uploads.Generators.Benchmarks.Generator;
using Uploads.Generators.Benchmarks.Json;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>The issue's targets, each as a ratio or value measured in this run, with met / missed.</summary>
public static class TargetsReport
{
    private const double NsPerMs = 1_000_000;

    public static string Build(IReadOnlyList<Summary> summaries, IReadOnlyList<PeakMemory.Sample> peaks, IReadOnlyList<FirstUse.Sample> firstUses, BuildMeasurement.Result? build, WarmCompile.Result? warmCompile, string environment)
    {
        var rows = new List<string[]>();
        void Row(string target, string measured, string value, string threshold, bool? met) =>
            rows.Add(new[] { target, measured, value, threshold, met is null ? "not measured" : met.Value ? "**met**" : "**missed**" });

        // 1. OpenAI's document: ours against NSwag.
        var nswag = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(OpenAIDocumentBenchmarks.NSwag_ReadAndGenerateClient));
        var cold = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(GeneratorBenchmarks.Cold));
        var warm = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineDescriptionEdit));
        var retyped = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineTypeEdit));
        var renamed = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineOperationEdit));
        var csharp = Find(summaries, typeof(OpenAIDocumentBenchmarks), nameof(GeneratorBenchmarks.AfterUnrelatedCSharpEdit));
        RatioRow(Row, "OpenAI doc: cold generation time / NSwag read + client generation", Mean(cold), Mean(nswag), 1.0 / 3, "≤ 0.333", Time);
        RatioRow(Row, "OpenAI doc: cold generation allocated / NSwag's (BenchmarkDotNet, per op)", Allocated(cold), Allocated(nswag), 1.0, "< 1", Bytes, strict: true);
        var ourPeak = peaks.FirstOrDefault(p => p.Tool == "generator");
        var theirPeak = peaks.FirstOrDefault(p => p.Tool == "nswag");
        RatioRow(Row, "OpenAI doc: peak working-set growth during one cold run / NSwag's (fresh processes)", ourPeak?.PeakGrowthBytes, theirPeak?.PeakGrowthBytes, 1.0, "< 1", Bytes, strict: true);
        RatioRow(Row, "OpenAI doc: peak working set of the process during that run / NSwag's", ourPeak?.PeakWorkingSetBytes, theirPeak?.PeakWorkingSetBytes, 1.0, "< 1", Bytes, strict: true);
        RatioRow(Row, "OpenAI doc: warm run after a one-line description edit / cold run", Mean(warm), Mean(cold), 0.5, "≤ 0.5", Time);
        RatioRow(Row, "OpenAI doc: warm run after a one-line type edit (`type: integer` → `number`) / cold run", Mean(retyped), Mean(cold), 0.5, "≤ 0.5", Time);
        RatioRow(Row, "OpenAI doc: warm run after a one-line operation edit (`operationId: cancelUpload` → `abandonUpload`) / cold run", Mean(renamed), Mean(cold), 0.5, "≤ 0.5", Time);
        ValueRow(Row, "OpenAI doc: generator cost after an unrelated C# edit", Mean(csharp), NsPerMs, "≤ 1 ms");

        // The same without a forced collection before each iteration (see OpenAIDocumentSteadyStateBenchmarks).
        var steadyNSwag = Find(summaries, typeof(OpenAIDocumentSteadyStateBenchmarks), nameof(OpenAIDocumentBenchmarks.NSwag_ReadAndGenerateClient));
        var steadyCold = Find(summaries, typeof(OpenAIDocumentSteadyStateBenchmarks), nameof(GeneratorBenchmarks.Cold));
        var steadyWarm = Find(summaries, typeof(OpenAIDocumentSteadyStateBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineDescriptionEdit));
        var steadyRetyped = Find(summaries, typeof(OpenAIDocumentSteadyStateBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineTypeEdit));
        var steadyRenamed = Find(summaries, typeof(OpenAIDocumentSteadyStateBenchmarks), nameof(GeneratorBenchmarks.AfterOneLineOperationEdit));
        RatioRow(Row, "(supplementary, no forced collection between iterations) OpenAI doc: cold generation time / NSwag's", Mean(steadyCold), Mean(steadyNSwag), 1.0 / 3, "≤ 0.333", Time);
        RatioRow(Row, "(supplementary, no forced collection between iterations) OpenAI doc: description edit / cold run", Mean(steadyWarm), Mean(steadyCold), 0.5, "≤ 0.5", Time);
        RatioRow(Row, "(supplementary, no forced collection between iterations) OpenAI doc: type edit / cold run", Mean(steadyRetyped), Mean(steadyCold), 0.5, "≤ 0.5", Time);
        RatioRow(Row, "(supplementary, no forced collection between iterations) OpenAI doc: operation edit / cold run", Mean(steadyRenamed), Mean(steadyCold), 0.5, "≤ 0.5", Time);

        // 2. Our spec.
        var uploadsCsharp = Find(summaries, typeof(UploadsSpecBenchmarks), nameof(GeneratorBenchmarks.AfterUnrelatedCSharpEdit));
        ValueRow(Row, "uploads spec: generator cost after an unrelated C# edit", Mean(uploadsCsharp), NsPerMs, "≤ 1 ms");

        // 3. JSON.
        var json = new[]
        {
            ("one Upload, deserialize", "DeserializeOne"),
            ("one Upload, serialize", "SerializeOne"),
            ("1,000 Uploads, deserialize", "DeserializeList"),
            ("1,000 Uploads, serialize", "SerializeList"),
        };
        foreach (var (label, method) in json)
        {
            var ours = Find(summaries, typeof(UploadJsonBenchmarks), "Generated_" + method);
            var theirs = Find(summaries, typeof(UploadJsonBenchmarks), "Stj_" + method);
            RatioRow(Row, $"JSON {label}: time / STJ source-gen (≥ its throughput)", Mean(ours), Mean(theirs), 1.0, "≤ 1", Time);
            RatioRow(Row, $"JSON {label}: allocated / STJ source-gen", Allocated(ours), Allocated(theirs), 1.0, "≤ 1", Bytes);
        }
        foreach (var (label, method) in json)
        {
            var ours = Find(summaries, typeof(UploadJsonBenchmarks), "Generated_" + method);
            var theirs = Find(summaries, typeof(UploadJsonBenchmarks), "StjLong_" + method);
            RatioRow(Row, $"(supplementary) JSON {label}: time / STJ fast path with long timestamps", Mean(ours), Mean(theirs), 1.0, "≤ 1", Time);
            RatioRow(Row, $"(supplementary) JSON {label}: allocated / STJ fast path with long timestamps", Allocated(ours), Allocated(theirs), 1.0, "≤ 1", Bytes);
        }

        // 3b. The generated client against a hand-written HttpClient + STJ source-gen call (in-process handler).
        var client = Find(summaries, typeof(CancelUploadBenchmarks), nameof(CancelUploadBenchmarks.GeneratedCancelUpload));
        var handWritten = Find(summaries, typeof(CancelUploadBenchmarks), nameof(CancelUploadBenchmarks.HandWrittenCancelUpload));
        RatioRow(Row, "client: CancelUploadAsync vs hand-written HttpClient + STJ source-gen: time ratio", Mean(client), Mean(handWritten), 1.05, "≤ 1.05", Time);
        RatioRow(Row, "client: CancelUploadAsync vs hand-written HttpClient + STJ source-gen: allocated", Allocated(client), Allocated(handWritten), 1.0, "≤ 1", Bytes);

        // 4. The consumer build.
        if (build is null)
        {
            Row("Consumer build with OpenAI's doc, one-line C# edit: CoreCompile with / without the generator", "not run", "", "interactive (no number)", null);
        }
        else
        {
            rows.Add(new[]
            {
                "Consumer build with OpenAI's doc, one-line C# edit: CoreCompile with / without the generator",
                $"{build.CoreCompileWithMs:N0} ms / {build.CoreCompileWithoutMs:N0} ms (whole build {build.BuildWithMs:N0} / {build.BuildWithoutMs:N0} ms; generators in csc {build.GeneratorsMs:N0} ms, ours {build.OursMs:N0} ms)",
                Ratio((double)build.CoreCompileWithMs / Math.Max(1, build.CoreCompileWithoutMs)),
                "interactive (no number in the issue)",
                "reported",
            });
        }
        if (warmCompile is not null)
        {
            rows.Add(new[]
            {
                "(supplementary) The same consumer compiled in-process by a warm compiler (as with the compiler server): parse excluded, bind + emit",
                string.Create(CultureInfo.InvariantCulture, $"{warmCompile.WarmMedianMs:N0} ms (first, cold: {warmCompile.FirstMs:N0} ms; {warmCompile.GeneratedFiles} generated files, {warmCompile.GeneratedChars / 1e6:F1} M chars)"),
                "",
                "interactive (no number in the issue)",
                "reported",
            });
        }

        var text = new StringBuilder();
        text.AppendLine("## Targets (measured in this run)");
        text.AppendLine();
        text.AppendLine(environment);
        text.AppendLine();
        text.AppendLine("| Target | Measured (ours / theirs) | Ratio or value | Threshold | Verdict |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows) text.AppendLine("| " + string.Join(" | ", row) + " |");
        if (peaks.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Peak memory, one cold generation of OpenAI's document in a fresh process (second run; the first ran JIT):");
            text.AppendLine();
            text.AppendLine("| Tool | First run | Second run | Allocated | Working set before | Peak working set | Growth |");
            text.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var p in peaks)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {p.Tool} | {p.FirstRunMs:N0} ms | {p.SecondRunMs:N0} ms | {Bytes(p.AllocatedBytes)} | {Bytes(p.WorkingSetBeforeBytes)} | {Bytes(p.PeakWorkingSetBytes)}{(p.PeakIsOfSecondRunOnly ? "" : " (whole process)")} | {Bytes(p.PeakGrowthBytes)} |"));
            }
        }
        if (firstUses.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("First use of a JSON context in a fresh process (supplementary, no target; median of 5 processes): its first metadata lookup (an Upload) and first deserialization:");
            text.AppendLine();
            text.AppendLine("| Context | Types | First lookup | First deserialization |");
            text.AppendLine("|---|--:|--:|--:|");
            foreach (var f in firstUses)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {f.Context} | {f.Types:N0} | {f.LookupMs:F1} ms | {f.DeserializeMs:F1} ms |"));
            }
        }
        return text.ToString();
    }

    private static void RatioRow(Action<string, string, string, string, bool?> row, string target, double? ours, double? theirs, double limit, string threshold, Func<double, string> format, bool strict = false)
    {
        if (ours is null || theirs is null)
        {
            row(target, "not measured", "", threshold, null);
            return;
        }
        // 0 / 0 (neither allocates) is a tie; anything over 0 is infinitely worse.
        double ratio = theirs.Value == 0 ? (ours.Value == 0 ? 1 : double.PositiveInfinity) : ours.Value / theirs.Value;
        row(target, $"{format(ours.Value)} / {format(theirs.Value)}", Ratio(ratio), threshold, strict ? ratio < limit : ratio <= limit);
    }

    private static void ValueRow(Action<string, string, string, string, bool?> row, string target, double? ns, double limitNs, string threshold)
    {
        if (ns is null)
        {
            row(target, "not measured", "", threshold, null);
            return;
        }
        row(target, Time(ns.Value), Time(ns.Value), threshold, ns.Value <= limitNs);
    }

    private static string Ratio(double ratio) => double.IsPositiveInfinity(ratio) ? "∞" : ratio.ToString("0.000", CultureInfo.InvariantCulture);

    private static BenchmarkReport? Find(IReadOnlyList<Summary> summaries, Type type, string method) =>
        summaries.SelectMany(s => s.Reports).FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.Type == type && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null);

    private static double? Mean(BenchmarkReport? report) => report?.ResultStatistics?.Mean;

    private static double? Allocated(BenchmarkReport? report) =>
        report is null ? null : report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is long bytes ? bytes : null;

    public static string Time(double ns) => ns switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0.0", CultureInfo.InvariantCulture) + " ns",
    };

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1 << 30 => (bytes / (1 << 30)).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
        >= 1 << 20 => (bytes / (1 << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1 << 10 => (bytes / (1 << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
