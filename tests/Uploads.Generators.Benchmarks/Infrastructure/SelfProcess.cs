using System.Diagnostics;

namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>Runs this benchmark program again, in a fresh process, for a measurement a process can only make of itself.</summary>
public static class SelfProcess
{
    /// <summary>
    /// The fields of the child's first output line that starts with <paramref name="tag"/> and a space; null (the child's
    /// output printed, under <paramref name="label"/>) when it failed or printed no such line.
    /// </summary>
    public static string[]? Run(string label, string tag, params string[] arguments)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, FileName = Environment.ProcessPath! };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith(tag + " ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"// {label} failed (exit {process.ExitCode}): {stdout}{stderr.Result}");
            return null;
        }
        return line.Substring(tag.Length + 1).Split(' ');
    }
}
