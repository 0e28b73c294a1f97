namespace Uploads.Generators.Tests.Infrastructure;

/// <summary>Where the repository's spec and the shared corpus are, found from the test binaries upward.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string UploadsSpec => Path.Combine(RepoRoot, "spec", "uploads.openapi.yaml");

    /// <summary>The shared corpus beside the clone (../shared/specs/corpus); absent on a fresh clone.</summary>
    public static string CorpusRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "specs", "corpus"));

    public static bool HasCorpus => Directory.Exists(CorpusRoot);

    public static string SkipReasonWithoutCorpus => $"The shared corpus is not at {CorpusRoot} (a fresh clone has no ../shared); CI always has it.";

    public static SpecFile UploadsSpecFile(string? enumStyle = null) =>
        new("/spec/uploads.openapi.yaml", File.ReadAllText(UploadsSpec), EnumStyle: enumStyle);

    private static string FindRepoRoot()
    {
        var baked = typeof(Paths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "Uploads.Generators.sln"))) return Path.GetFullPath(baked);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Uploads.Generators.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Uploads.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
