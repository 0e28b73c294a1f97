using System.Security;

namespace Uploads.Generators.PackageTests.Infrastructure;

/// <summary>
/// A copy of <c>tests/PackageConsumers</c> (its isolating Directory.Build.* files and the Consumer and ServerConsumer
/// projects) in a folder of its own, with the repository's Uploads spec as the consumers' documents and a nuget.config that maps
/// Uploads.Generators to the local feed only (package source mapping) and every other package to the usual source.
/// </summary>
public sealed class ConsumerWorkspace
{
    /// <summary>The source for everything but Uploads.Generators (the ILCompiler and ILLink packages of a publish).</summary>
    public static string DefaultSource =>
        Environment.GetEnvironmentVariable("UPLOADS_PACKAGE_TESTS_NUGET_SOURCE") is { Length: > 0 } source
            ? source
            : "https://api.nuget.org/v3/index.json";

    private ConsumerWorkspace(string root, string version, string projectName = "Consumer")
    {
        Root = root;
        Version = version;
        ProjectName = projectName;
    }

    public string Root { get; }

    public string Version { get; }

    /// <summary>The project this workspace builds: <c>Consumer</c>, or another folder of tests/PackageConsumers (see <see cref="ForProject"/>).</summary>
    public string ProjectName { get; }

    public string ProjectDirectory => Path.Combine(Root, ProjectName);

    public string ProjectFile => Path.Combine(ProjectDirectory, ProjectName + ".csproj");

    /// <summary>The same copy, building another project of it (e.g. <c>ServerConsumer</c>).</summary>
    public ConsumerWorkspace ForProject(string projectName) => new(Root, Version, projectName);

    /// <summary>Where EmitCompilerGeneratedFiles puts the generator's output for <paramref name="configuration"/>.</summary>
    public string GeneratedDirectory(string configuration = "Release") =>
        Path.Combine(ProjectDirectory, "obj", configuration, "net10.0", "generated", "Uploads.Generators", "Uploads.Generators.OpenApiGenerator");

    public static ConsumerWorkspace Create(string root, string feed, string version)
    {
        CopyDirectory(RepoPaths.ConsumerTemplates, root);
        string openapi = Path.Combine(root, "Consumer", "openapi");
        Directory.CreateDirectory(openapi);
        File.Copy(RepoPaths.UploadsSpec, Path.Combine(openapi, "uploads.openapi.yaml"), overwrite: true);
        File.Copy(RepoPaths.UploadsSpec, Path.Combine(openapi, "uploads-extensible.openapi.yaml"), overwrite: true);
        string serverOpenapi = Path.Combine(root, "ServerConsumer", "openapi");
        Directory.CreateDirectory(serverOpenapi);
        File.Copy(RepoPaths.UploadsSpec, Path.Combine(serverOpenapi, "uploads.openapi.yaml"), overwrite: true);
        File.WriteAllText(Path.Combine(root, "nuget.config"), NuGetConfig(feed));
        return new ConsumerWorkspace(root, version);
    }

    /// <summary><c>dotnet args… -p:UploadsGeneratorsVersion=…</c> in the project folder, without build servers.</summary>
    public CommandResult DotNet(string command, params string[] args) =>
        DotNetCli.Run(
            ProjectDirectory,
            new[] { command }
                .Concat(args)
                .Concat(new[] { $"-p:UploadsGeneratorsVersion={Version}", "--disable-build-servers", "-nodeReuse:false" })
                .ToArray());

    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="uploads-local" value="{SecurityElement.Escape(feed)}" />
            <add key="default" value="{SecurityElement.Escape(DefaultSource)}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="uploads-local">
              <package pattern="Uploads.Generators" />
            </packageSource>
            <packageSource key="default">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        foreach (var dir in Directory.GetDirectories(source))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj") continue; // left over from building a template in place
            CopyDirectory(dir, Path.Combine(target, name));
        }
    }
}
