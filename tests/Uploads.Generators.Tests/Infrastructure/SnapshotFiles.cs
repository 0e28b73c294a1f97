using System.Text;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// Expected generated files kept under <c>tests/Uploads.Generators.Tests/Snapshots/&lt;set&gt;/&lt;hint name&gt;</c>, one per
/// generated source, compared byte for byte (the files are UTF-8 without a byte order mark; nothing else is normalized).
/// <para>
/// To refresh them after an intended change of the generated code, run the snapshot tests with the environment variable
/// <c>UPDATE_SNAPSHOTS=1</c>: every expected file is rewritten from the actual output, files that are no longer generated
/// are deleted, and the tests pass. Review the diff before committing it. Without the variable a snapshot is never written.
/// </para>
/// </summary>
public static class SnapshotFiles
{
    public const string UpdateVariable = "UPDATE_SNAPSHOTS";

    /// <summary>UTF-8 without a BOM, so that the file bytes are exactly the UTF-8 encoding of the generated text.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The source folder (not the build output), so that an update lands in the repository.</summary>
    public static string Root => Path.Combine(Paths.RepoRoot, "tests", "Uploads.Generators.Tests", "Snapshots");

    public static string Directory(string set) => Path.Combine(Root, set);

    /// <summary>The expected files of a set: hint name → text, read as UTF-8.</summary>
    public static IReadOnlyDictionary<string, string> Read(string set)
    {
        var directory = Directory(set);
        if (!System.IO.Directory.Exists(directory)) return new Dictionary<string, string>();
        return System.IO.Directory.GetFiles(directory, "*.g.cs")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => Utf8.GetString(File.ReadAllBytes(f)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Compares actual generated sources (hint name → text) with the expected set. Returns one line per problem: a
    /// differing file (with the first differing line), a generated file without an expected file, an expected file that
    /// is no longer generated. With <see cref="UpdateRequested"/> the set is rewritten instead and nothing is returned.
    /// </summary>
    public static IReadOnlyList<string> Verify(string set, IReadOnlyDictionary<string, string> actual)
    {
        if (UpdateRequested)
        {
            Write(set, actual);
            return Array.Empty<string>();
        }

        var expected = Read(set);
        var problems = new List<string>();
        foreach (var (hintName, text) in actual.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!expected.TryGetValue(hintName, out var expectedText))
            {
                problems.Add($"{hintName}: generated, but there is no expected file {Path.Combine(Directory(set), hintName)}");
            }
            else if (!Utf8.GetBytes(text).AsSpan().SequenceEqual(Utf8.GetBytes(expectedText)))
            {
                problems.Add($"{hintName}: differs from the expected file. {FirstDifference(expectedText, text)}");
            }
        }
        foreach (var hintName in expected.Keys.Where(k => !actual.ContainsKey(k)))
        {
            problems.Add($"{hintName}: expected file exists, but the generator no longer produces it");
        }
        if (problems.Count > 0)
        {
            problems.Add($"(If the change is intended, rerun with {UpdateVariable}=1 and review the diff of {Directory(set)}.)");
        }
        return problems;
    }

    public static void Write(string set, IReadOnlyDictionary<string, string> actual)
    {
        var directory = Directory(set);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var stale in System.IO.Directory.GetFiles(directory, "*.g.cs"))
        {
            if (!actual.ContainsKey(Path.GetFileName(stale))) File.Delete(stale);
        }
        foreach (var (hintName, text) in actual)
        {
            var path = Path.Combine(directory, hintName);
            var bytes = Utf8.GetBytes(text);
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) File.WriteAllBytes(path, bytes);
        }
    }

    /// <summary>The first line (1-based) where the texts differ, showing both lines with escaped control characters.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (int i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            string? e = i < expectedLines.Length ? expectedLines[i] : null;
            string? a = i < actualLines.Length ? actualLines[i] : null;
            if (e != a)
            {
                return $"First difference at line {i + 1}:{Environment.NewLine}  expected: {Show(e)}{Environment.NewLine}  actual:   {Show(a)}";
            }
        }
        return "The texts differ only in encoding.";
    }

    private static string Show(string? line) =>
        line is null ? "(end of file)" : "\"" + line.Replace("\r", "\\r").Replace("\t", "\\t") + "\"";
}
