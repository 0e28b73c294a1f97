using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Uploads.Generators.PackageTests.Infrastructure;

/// <summary>What a child process did: exit code, interleaved stdout and stderr, how long it took.</summary>
public sealed record CommandResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>MSBuild/compiler/linker warnings (<c>file(1,2): warning CODE: text</c>, <c>: warning : text</c>), each once.</summary>
    public IReadOnlyList<string> Warnings => DotNetCli.WarningLines(Output);

    /// <summary>A description for assertion messages: the command, the exit code and the end of the output.</summary>
    public string Describe(int lastLines = 80)
    {
        var lines = Output.Split('\n');
        string tail = string.Join("\n", lines.Skip(Math.Max(0, lines.Length - lastLines)));
        return $"`{CommandLine}` in {WorkingDirectory} exited with {(TimedOut ? "a timeout" : ExitCode.ToString())} after {Elapsed.TotalSeconds:F0} s. Output (last {lastLines} lines):\n{tail}";
    }
}

/// <summary>
/// Runs <c>dotnet</c> (and built programs) as child processes with a clean, deterministic environment: no MSBuild or
/// test-host variables inherited from the <c>dotnet test</c> that runs these tests, no build servers or node reuse
/// (nothing is left running), English output, no telemetry or first-run banners.
/// </summary>
public static class DotNetCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    private static readonly Regex s_warning = new(@":\s*warning\s*[A-Za-z]*[0-9]*\s*:", RegexOptions.Compiled);

    /// <summary>Runs <c>dotnet args…</c> in <paramref name="workingDirectory"/>.</summary>
    public static CommandResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, DefaultTimeout, args);

    public static CommandResult Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        Execute("dotnet", workingDirectory, timeout, args);

    /// <summary>Runs a program (a native executable or <c>dotnet app.dll</c>) with the same clean environment.</summary>
    public static CommandResult Execute(string fileName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        CleanEnvironment(info.Environment);

        var output = new StringBuilder();
        var gate = new object();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.Append(e.Data).Append('\n'); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
        else
        {
            process.WaitForExit(); // drains the asynchronous readers
        }
        watch.Stop();

        string commandLine = fileName + " " + string.Join(" ", args.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
        lock (gate)
        {
            return new CommandResult(commandLine, workingDirectory, exited ? process.ExitCode : -1, output.ToString(), watch.Elapsed, !exited);
        }
    }

    public static IReadOnlyList<string> WarningLines(string output) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => s_warning.IsMatch(line))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether <paramref name="program"/> is an executable file on PATH.</summary>
    public static bool IsOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    private static void CleanEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_CLI_UI_LANGUAGE", StringComparison.OrdinalIgnoreCase))
            {
                environment.Remove(key);
            }
        }
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["UseSharedCompilation"] = "false";
    }
}
