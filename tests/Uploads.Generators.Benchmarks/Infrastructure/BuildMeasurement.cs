using System.Diagnostics;
using System.Globalization;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>Runs <c>measure-build.sh</c> (part 4: the consumer build) and reads its SUMMARY line.</summary>
public static class BuildMeasurement
{
    public sealed record Result(long CoreCompileWithoutMs, long CoreCompileWithMs, long BuildWithoutMs, long BuildWithMs, long GeneratorsMs, long OursMs);

    public static string Script => Path.Combine(RepoPaths.RepoRoot, "tests", "Uploads.Generators.Benchmarks", "measure-build.sh");

    public static Result? Run(int repeat)
    {
        if (!RepoPaths.HasOpenAISpec)
        {
            Console.WriteLine($"// Build measurement skipped: {RepoPaths.OpenAISpec} is absent.");
            return null;
        }
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("--repeat");
        start.ArgumentList.Add(repeat.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--spec");
        start.ArgumentList.Add(RepoPaths.OpenAISpec);
        // `dotnet run` hands its MSBuild settings to the program; the script's builds must not inherit them.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            start.Environment.Remove(name);
        }
        Console.WriteLine($"// Build measurement: {Script} --repeat {repeat}");
        using var process = Process.Start(start)!;
        string? summary = null;
        for (string? line; (line = process.StandardOutput.ReadLine()) is not null;)
        {
            Console.WriteLine(line);
            if (line.StartsWith("SUMMARY ", StringComparison.Ordinal)) summary = line;
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || summary is null)
        {
            Console.WriteLine($"// Build measurement failed (exit {process.ExitCode}).");
            return null;
        }
        var values = summary.Substring(8).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new Result(values["corecompile_without_ms"], values["corecompile_with_ms"], values["build_without_ms"], values["build_with_ms"],
            values["generators_ms"], values["ours_ms"]);
    }
}
