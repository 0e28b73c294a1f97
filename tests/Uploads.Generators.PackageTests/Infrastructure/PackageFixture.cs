using System.IO.Compression;
using System.Security;

namespace Uploads.Generators.PackageTests.Infrastructure;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Uploads.Generators package";
}

/// <summary>
/// Packs <c>generator/Uploads.Generators.csproj</c> once per test run into a local feed under a unique temporary folder,
/// with a unique version (<c>0.1.0-test.&lt;UTC time&gt;.&lt;process id&gt;</c>): the global packages folder can never
/// hand a consumer a stale package of the same version. Everything the run made (the folder and the version's copy in
/// the global packages folder) is deleted afterwards; set <c>UPLOADS_KEEP_PACKAGE_TEST_FILES=1</c> to keep the folder.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageId = "Uploads.Generators";
    private const string TempPrefix = "uploads-pkgtests-";
    private const string KeepVariable = "UPLOADS_KEEP_PACKAGE_TEST_FILES";

    private readonly Lazy<CommandResult> _pack;
    private readonly Lazy<string> _analyzerDirectory;

    public PackageFixture()
    {
        var now = DateTime.UtcNow;
        Version = $"0.1.0-test.{now:yyyyMMddHHmmss}.{Environment.ProcessId}";
        Root = Path.Combine(Path.GetTempPath(), $"{TempPrefix}{now:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Root);
        DeleteStaleLeftovers();
        _pack = new Lazy<CommandResult>(RunPack);
        _analyzerDirectory = new Lazy<string>(ExtractAnalyzers);
    }

    /// <summary>This run's temporary folder: the feed, the pack's artifacts, consumer copies.</summary>
    public string Root { get; }

    /// <summary>The package version packed for this run.</summary>
    public string Version { get; }

    /// <summary>The local feed folder that holds only this run's nupkg.</summary>
    public string Feed => Path.Combine(Root, "feed");

    /// <summary>The <c>dotnet pack</c> of the generator (run on first use).</summary>
    public CommandResult Pack => _pack.Value;

    /// <summary>The packed nupkg; fails the calling test with the pack's output when the pack failed.</summary>
    public string PackagePath
    {
        get
        {
            var pack = Pack;
            string path = Path.Combine(Feed, $"{PackageId}.{Version}.nupkg");
            if (pack.ExitCode != 0 || !File.Exists(path))
            {
                throw new InvalidOperationException($"Packing the generator did not produce {path}.\n{pack.Describe()}");
            }
            return path;
        }
    }

    /// <summary>The nupkg's <c>analyzers/dotnet/cs</c> folder, extracted (what the compiler loads from the package).</summary>
    public string AnalyzerDirectory => _analyzerDirectory.Value;

    /// <summary>Where NuGet's global packages folder keeps this run's version once a consumer restored it.</summary>
    public string GlobalPackagesCopy => Path.Combine(GlobalPackagesFolder, PackageId.ToLowerInvariant(), Version.ToLowerInvariant());

    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// A fresh copy of <c>tests/PackageConsumers</c> in <c>Root/name</c>, with the Uploads spec as the consumer's documents
    /// and a nuget.config that takes Uploads.Generators from this run's feed only and everything else from the usual source.
    /// </summary>
    public ConsumerWorkspace CreateConsumer(string name)
    {
        _ = PackagePath; // pack first, and fail here with the pack's output if it did not work
        return ConsumerWorkspace.Create(Path.Combine(Root, name), Feed, Version);
    }

    public void Dispose()
    {
        TryDelete(GlobalPackagesCopy);
        if (Environment.GetEnvironmentVariable(KeepVariable) != "1") TryDelete(Root);
    }

    private CommandResult RunPack()
    {
        Directory.CreateDirectory(Feed);
        return DotNetCli.Run(
            RepoPaths.RepoRoot,
            "pack", RepoPaths.GeneratorProject,
            "-c", "Release",
            "-o", Feed,
            "--artifacts-path", Path.Combine(Root, "pack-artifacts"),
            $"-p:Version={Version}",
            "--disable-build-servers", "-nodeReuse:false", "-p:UseSharedCompilation=false");
    }

    private string ExtractAnalyzers()
    {
        string directory = Path.Combine(Root, "analyzers-dotnet-cs");
        Directory.CreateDirectory(directory);
        using var zip = ZipFile.OpenRead(PackagePath);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && e.Name.Length > 0))
        {
            entry.ExtractToFile(Path.Combine(directory, entry.Name), overwrite: true);
        }
        return directory;
    }

    /// <summary>Folders and package versions left by earlier runs that were killed before cleaning up (older than a day).</summary>
    private static void DeleteStaleLeftovers()
    {
        var cutoff = DateTime.UtcNow.AddDays(-1);
        foreach (var dir in SafeDirectories(Path.GetTempPath(), TempPrefix + "*"))
        {
            if (Directory.GetLastWriteTimeUtc(dir) < cutoff) TryDelete(dir);
        }
        foreach (var dir in SafeDirectories(Path.Combine(GlobalPackagesFolder, PackageId.ToLowerInvariant()), "0.1.0-test.*"))
        {
            if (Directory.GetLastWriteTimeUtc(dir) < cutoff) TryDelete(dir);
        }
    }

    private static IEnumerable<string> SafeDirectories(string parent, string pattern)
    {
        try
        {
            return Directory.Exists(parent) ? Directory.GetDirectories(parent, pattern) : Array.Empty<string>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SecurityException)
        {
            return Array.Empty<string>();
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover is removed by a later run (DeleteStaleLeftovers).
        }
    }
}
