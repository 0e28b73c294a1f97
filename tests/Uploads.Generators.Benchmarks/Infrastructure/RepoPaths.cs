namespace Uploads.Generators.Benchmarks.Infrastructure;

/// <summary>Where the repository's spec and the shared corpus are, found from the binaries upward.</summary>
public static class RepoPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string UploadsSpec => Path.Combine(RepoRoot, "spec", "uploads.openapi.yaml");

    /// <summary>The shared corpus beside the clone (../shared/specs/corpus); absent on a fresh clone.</summary>
    public static string CorpusRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "specs", "corpus"));

    /// <summary>OpenAI's whole document (3 MB of YAML, OpenAPI 3.1).</summary>
    public static string OpenAISpec => Path.Combine(CorpusRoot, "openai", "openapi.yaml");

    public static bool HasOpenAISpec => File.Exists(OpenAISpec);

    private static string FindRepoRoot()
    {
        var baked = typeof(RepoPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
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
