using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// Runs a public static <c>int Method(string[] args)</c> of this test assembly in a separate process, so that a
/// stack overflow (which no catch can stop and which kills the whole test run) is seen as an exit code instead.
/// A tiny launcher is compiled with Roslyn against the running shared framework and started with the test
/// assembly's runtimeconfig; it resolves dependencies from the test's output folder.
/// </summary>
public static class ChildProcess
{
    private const string LauncherSource = """
        using System;
        using System.IO;
        using System.Linq;
        using System.Reflection;
        using System.Runtime.Loader;

        public static class Launcher
        {
            public static int Main(string[] args)
            {
                string assemblyPath = args[0];
                string directory = Path.GetDirectoryName(assemblyPath)!;
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                {
                    string candidate = Path.Combine(directory, name.Name + ".dll");
                    return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
                };
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
                var method = assembly.GetType(args[1], throwOnError: true)!.GetMethod(args[2], BindingFlags.Public | BindingFlags.Static)!;
                try
                {
                    return (int)method.Invoke(null, new object[] { args.Skip(3).ToArray() })!;
                }
                catch (TargetInvocationException exception) when (exception.InnerException is not null)
                {
                    Console.Error.WriteLine(exception.InnerException);
                    return 3;
                }
            }
        }
        """;

    private static readonly Lazy<string> Launcher = new(BuildLauncher);

    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
    {
        public override string ToString() =>
            $"exit code {ExitCode}{(TimedOut ? " (killed after the timeout)" : "")}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{HeadAndTail(StandardError, 4000, 1500)}";
    }

    public static Result Run(Type type, string method, TimeSpan timeout, params string[] args)
    {
        string testAssembly = type.Assembly.Location;
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Launcher.Value);
        start.ArgumentList.Add(testAssembly);
        start.ArgumentList.Add(type.FullName!);
        start.ArgumentList.Add(method);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A crash dump of a stack overflow is large and slow; the exit code and message are all that is needed.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";

        using var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit((int)timeout.TotalMilliseconds);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.WaitForExit();
        lock (stdout) lock (stderr) return new Result(exited ? process.ExitCode : -1, stdout.ToString(), stderr.ToString(), !exited);
    }

    /// <summary>The dotnet host running the tests (the test host runs under it), else the one on PATH.</summary>
    private static string DotnetPath()
    {
        string? current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return current;
        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(Path.Combine(root, "dotnet"))) return Path.Combine(root, "dotnet");
        return "dotnet";
    }

    private static string BuildLauncher()
    {
        string directory = Path.Combine(Path.GetTempPath(), "uploads-child-launcher-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        string dll = Path.Combine(directory, "launcher.dll");
        var compilation = CSharpCompilation.Create(
            "launcher",
            new[] { CSharpSyntaxTree.ParseText(LauncherSource, new CSharpParseOptions(LanguageVersion.CSharp12)) },
            Robustness.HostileStringTests.RuntimeReferences.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var emit = compilation.Emit(dll);
        if (!emit.Success) throw new InvalidOperationException("The child-process launcher does not compile:\n" + string.Join("\n", emit.Diagnostics));
        // Same frameworks as the tests (Microsoft.NETCore.App and Microsoft.AspNetCore.App).
        string runtimeConfig = Path.ChangeExtension(typeof(ChildProcess).Assembly.Location, ".runtimeconfig.json");
        File.Copy(runtimeConfig, Path.Combine(directory, "launcher.runtimeconfig.json"), overwrite: true);
        return dll;
    }

    /// <summary>A stack overflow prints the repeating frames first and the entry point last: both ends matter.</summary>
    private static string HeadAndTail(string text, int head, int tail) =>
        text.Length <= head + tail ? text : text.Substring(0, head) + "\n…\n" + text.Substring(text.Length - tail);
}
