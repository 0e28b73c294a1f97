using System.Reflection;

namespace Uploads.Generators.PackageTests.Infrastructure;

/// <summary>Where the repository's generator project, spec and consumer templates are, found from the test binaries.</summary>
public static class RepoPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string GeneratorProject => Path.Combine(RepoRoot, "generator", "Uploads.Generators.csproj");

    public static string UploadsSpec => Path.Combine(RepoRoot, "spec", "uploads.openapi.yaml");

    /// <summary>tests/PackageConsumers: consumer project templates, outside the solution, copied to a temporary folder by the tests.</summary>
    public static string ConsumerTemplates => Path.Combine(RepoRoot, "tests", "PackageConsumers");

    private static string FindRepoRoot()
    {
        var baked = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "Uploads.Generators.sln"))) return Path.GetFullPath(baked);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Uploads.Generators.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Uploads.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
