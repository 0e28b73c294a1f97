using System.Runtime.CompilerServices;

namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>
/// Finds the repository's spec for the runtime tests. <see cref="Paths"/> searches upward from the test binaries,
/// which fails when the build uses an <c>--artifacts-path</c> outside the clone; this falls back to the location
/// of this source file (recorded at compile time), then to the working directory.
/// </summary>
public static class RuntimePaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string UploadsSpec => Path.Combine(RepoRoot, "spec", "uploads.openapi.yaml");

    public static SpecFile UploadsSpecFile(string? enumStyle = null) =>
        new("/spec/uploads.openapi.yaml", File.ReadAllText(UploadsSpec), EnumStyle: enumStyle);

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, ThisDirectory(), Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Uploads.Generators.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Uploads.Generators.sln not found above " + AppContext.BaseDirectory + ", " + ThisDirectory() + " or " + Directory.GetCurrentDirectory());
    }

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
