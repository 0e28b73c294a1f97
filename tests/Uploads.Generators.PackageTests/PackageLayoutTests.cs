using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Uploads.Generators.PackageTests.Infrastructure;

namespace Uploads.Generators.PackageTests;

/// <summary>What is inside the packed nupkg: the analyzer folder, no runtime assets, build files, metadata.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture package)
{
    private const string AnalyzerFolder = "analyzers/dotnet/cs/";

    /// <summary>The generator and everything it loads at compile time that a compiler host does not already have.</summary>
    private static readonly string[] ExpectedAnalyzerAssemblies =
    {
        "Microsoft.Bcl.AsyncInterfaces.dll",
        "Microsoft.OpenApi.dll",
        "Microsoft.OpenApi.YamlReader.dll",
        "SharpYaml.dll",
        "System.Text.Encodings.Web.dll",
        "System.Text.Json.dll",
        "Uploads.Generators.dll",
    };

    /// <summary>
    /// Assemblies every host of the Roslyn 4.8+ compiler (csc and VBCSCompiler on .NET and .NET Framework, the IDEs)
    /// loads itself, with the highest version a packed assembly may ask for (the versions Roslyn 4.8 ships with).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Version> HostProvided = new Dictionary<string, Version>(StringComparer.Ordinal)
    {
        ["netstandard"] = new(2, 0, 0, 0),
        ["Microsoft.CodeAnalysis"] = new(4, 8, 0, 0),
        ["Microsoft.CodeAnalysis.CSharp"] = new(4, 8, 0, 0),
        ["System.Collections.Immutable"] = new(7, 0, 0, 0),
        ["System.Reflection.Metadata"] = new(7, 0, 0, 0),
        ["System.Memory"] = new(4, 0, 1, 2),
        ["System.Buffers"] = new(4, 0, 3, 0),
        ["System.Numerics.Vectors"] = new(4, 1, 4, 0),
        ["System.Runtime.CompilerServices.Unsafe"] = new(6, 0, 0, 0),
        ["System.Threading.Tasks.Extensions"] = new(4, 2, 0, 1),
        ["System.Text.Encoding.CodePages"] = new(7, 0, 0, 0),
    };

    /// <summary>
    /// Known exceptions: references above what Roslyn 4.8 ships, accepted because compilers running on .NET (the .NET
    /// SDK's csc and VBCSCompiler, IDEs that run Roslyn on .NET) always load these assemblies from the runtime, which
    /// has newer versions. Packing them would not change that (Roslyn loads them in the compiler's context), and on a
    /// compiler hosted by .NET Framework a second, newer System.Memory beside the host's would split Span&lt;T&gt;.
    /// Microsoft.OpenApi 3.11 was built against System.Memory 4.6 (assembly 4.0.2.0).
    /// </summary>
    private static readonly IReadOnlyDictionary<string, Version> ProvidedByDotNetHosts = new Dictionary<string, Version>(StringComparer.Ordinal)
    {
        ["System.Memory"] = new(4, 0, 2, 0),
    };

    [Fact]
    public void Analyzer_folder_holds_the_generator_and_exactly_its_dependencies()
    {
        var entries = Entries();
        var analyzers = entries.Where(e => e.StartsWith(AnalyzerFolder, StringComparison.Ordinal)).Select(e => e[AnalyzerFolder.Length..]).OrderBy(e => e, StringComparer.Ordinal);
        Assert.Equal(ExpectedAnalyzerAssemblies.OrderBy(e => e, StringComparer.Ordinal), analyzers);
        // Only C#: no other language folders, no analyzers outside dotnet/cs.
        Assert.All(entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)), e => Assert.StartsWith(AnalyzerFolder, e));
    }

    [Fact]
    public void Package_gives_the_consumer_no_runtime_dependency()
    {
        var entries = Entries();
        foreach (var folder in new[] { "lib/", "ref/", "runtimes/", "contentFiles/", "content/", "tools/" })
        {
            Assert.DoesNotContain(entries, e => e.StartsWith(folder, StringComparison.Ordinal));
        }
        var dependencies = Metadata().Elements().Where(e => e.Name.LocalName == "dependencies").ToList();
        Assert.True(dependencies.All(d => !d.Descendants().Any(x => x.Name.LocalName == "dependency")), "The nuspec declares dependencies: " + string.Join("\n", dependencies));
    }

    [Fact]
    public void Build_and_buildTransitive_carry_the_props_and_targets()
    {
        var entries = Entries();
        foreach (var folder in new[] { "build", "buildTransitive" })
        {
            foreach (var file in new[] { "Uploads.Generators.props", "Uploads.Generators.targets" })
            {
                string entry = $"{folder}/{file}";
                Assert.Contains(entry, entries);
                Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "generator", "build", file)), ReadEntry(entry));
            }
        }
        Assert.Contains("OpenApiDocument", ReadEntry("build/Uploads.Generators.targets"));
        Assert.Contains("CompilerVisibleItemMetadata", ReadEntry("build/Uploads.Generators.props"));
    }

    [Fact]
    public void Nuspec_carries_license_readme_repository_tags_and_release_notes()
    {
        var metadata = Metadata();
        string Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";

        Assert.Equal(PackageFixture.PackageId, Value("id"));
        Assert.Equal(package.Version, Value("version"));
        Assert.Equal("true", Value("developmentDependency"));
        var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "README.md")), ReadEntry("README.md"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.StartsWith("https://", (string?)repository.Attribute("url"));
        Assert.StartsWith("https://", Value("projectUrl"));
        var tags = Value("tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("openapi", tags);
        Assert.Contains("source-generator", tags);
        Assert.False(string.IsNullOrWhiteSpace(Value("releaseNotes")), "no release notes");
        Assert.False(string.IsNullOrWhiteSpace(Value("description")), "no description");
        Assert.False(string.IsNullOrWhiteSpace(Value("authors")), "no authors");
    }

    [Fact]
    public void Generator_is_reproducible_with_an_embedded_pdb_and_built_against_Roslyn_4_8()
    {
        using var stream = File.OpenRead(Path.Combine(package.AnalyzerDirectory, "Uploads.Generators.dll"));
        using var pe = new PEReader(stream);
        var debug = pe.ReadDebugDirectory();
        Assert.Contains(debug, d => d.Type == DebugDirectoryEntryType.Reproducible);
        var embedded = debug.Single(d => d.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        Assert.NotEmpty(pdb.GetMetadataReader().Documents);

        var references = References(pe.GetMetadataReader());
        Assert.Equal(new Version(4, 8, 0, 0), references["Microsoft.CodeAnalysis"]);
    }

    /// <summary>
    /// Every assembly a packed DLL references is packed beside it (in a version at least as high) or is one the
    /// compiler host always has: nothing fails to load at compile time, in any host.
    /// </summary>
    [Fact]
    public void Every_reference_of_a_packed_assembly_is_packed_or_provided_by_the_compiler_host()
    {
        var packed = new Dictionary<string, Version>(StringComparer.Ordinal);
        var referencesByAssembly = new Dictionary<string, IReadOnlyDictionary<string, Version>>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(package.AnalyzerDirectory, "*.dll"))
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var definition = reader.GetAssemblyDefinition();
            packed[reader.GetString(definition.Name)] = definition.Version;
            referencesByAssembly[Path.GetFileName(file)] = References(reader);
        }

        var problems = new List<string>();
        foreach (var (assembly, references) in referencesByAssembly.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach (var (name, version) in references)
            {
                if (packed.TryGetValue(name, out var packedVersion))
                {
                    if (packedVersion < version) problems.Add($"{assembly} needs {name} {version}, but {packedVersion} is packed");
                }
                else if (HostProvided.TryGetValue(name, out var hostVersion))
                {
                    bool accepted = ProvidedByDotNetHosts.TryGetValue(name, out var dotNetVersion) && version <= dotNetVersion;
                    if (hostVersion < version && !accepted) problems.Add($"{assembly} needs {name} {version}, but compiler hosts may only have {hostVersion}: pack it");
                }
                else
                {
                    problems.Add($"{assembly} references {name} {version}, which is neither packed nor provided by the compiler host");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static Dictionary<string, Version> References(MetadataReader reader) =>
        reader.AssemblyReferences
            .Select(handle => reader.GetAssemblyReference(handle))
            .GroupBy(reference => reader.GetString(reference.Name), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Max(reference => reference.Version)!, StringComparer.Ordinal);

    private List<string> Entries()
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private string ReadEntry(string name)
    {
        using var zip = ZipFile.OpenRead(package.PackagePath);
        var entry = zip.GetEntry(name) ?? throw new InvalidOperationException($"{name} is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private XElement Metadata()
    {
        var nuspec = XDocument.Parse(ReadEntry($"{PackageFixture.PackageId}.nuspec"));
        return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
