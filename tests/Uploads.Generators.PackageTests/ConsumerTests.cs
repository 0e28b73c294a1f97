using System.Text.Json;
using Uploads.Generators.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace Uploads.Generators.PackageTests;

/// <summary>
/// A fresh project restores Uploads.Generators from the local feed by PackageReference, declares its documents with the
/// <c>&lt;OpenApiDocument&gt;</c> item, builds with zero warnings (trim/AOT analyzers on) and runs the generated models,
/// JSON and client (tests/PackageConsumers/Consumer/Program.cs).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void Consumer_restores_the_package_from_the_local_feed_builds_without_warnings_and_runs()
    {
        var consumer = package.CreateConsumer("consumer-build");

        var build = consumer.DotNet("build", "-c", "Release");
        output.WriteLine(build.Describe(lastLines: 15));
        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.True(build.Warnings.Count == 0, "The consumer build warned:\n" + string.Join("\n", build.Warnings));

        // Restored from this run's feed, and nothing else: no other package, no lib/ asset.
        using (var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.ProjectDirectory, "obj", "project.assets.json"))))
        {
            // Besides the package only what the SDK itself adds (the trim analyzers' ILLink package, for IsAotCompatible).
            var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains($"{PackageFixture.PackageId}/{package.Version}", libraries);
            Assert.All(libraries.Where(l => !l.StartsWith(PackageFixture.PackageId + "/", StringComparison.Ordinal)), l => Assert.StartsWith("Microsoft.NET.ILLink.Tasks/", l));
            var target = assets.RootElement.GetProperty("targets").EnumerateObject().Single().Value;
            var entry = target.GetProperty($"{PackageFixture.PackageId}/{package.Version}");
            Assert.False(entry.TryGetProperty("dependencies", out _), "The package brings dependencies");
            Assert.False(entry.TryGetProperty("compile", out _), "The package gives the consumer compile assets");
            Assert.False(entry.TryGetProperty("runtime", out _), "The package gives the consumer runtime assets");
            Assert.True(entry.TryGetProperty("build", out var buildFiles) && buildFiles.EnumerateObject().Any(f => f.Name.EndsWith("Uploads.Generators.targets", StringComparison.Ordinal)), "The package's targets are not imported");
        }
        string metadata = File.ReadAllText(Path.Combine(package.GlobalPackagesCopy, ".nupkg.metadata"));
        using (var json = JsonDocument.Parse(metadata))
        {
            Assert.Equal(Path.GetFullPath(package.Feed).TrimEnd('/'), Path.GetFullPath(json.RootElement.GetProperty("source").GetString()!).TrimEnd('/'));
        }

        // The <OpenApiDocument> items reached the generator with their metadata (EmitCompilerGeneratedFiles shows the output).
        string generated = consumer.GeneratedDirectory();
        Assert.True(File.Exists(Path.Combine(generated, "Consumer.OpenAI.Upload.g.cs")), "Consumer.OpenAI.Upload.g.cs was not generated into " + generated);
        Assert.Contains("public enum UploadStatus", File.ReadAllText(Path.Combine(generated, "Consumer.OpenAI.UploadStatus.g.cs")));
        Assert.Contains("record struct UploadStatus", File.ReadAllText(Path.Combine(generated, "Consumer.Extensible.UploadStatus.g.cs")));
        Assert.Contains("GeneratedCode(\"Uploads.Generators\", \"0.1.0\")", File.ReadAllText(Path.Combine(generated, "Consumer.OpenAI.Upload.g.cs")));

        // No runtime dependency: nothing of the generator is copied next to the app.
        string bin = Path.Combine(consumer.ProjectDirectory, "bin", "Release", "net10.0");
        var shipped = Directory.GetFiles(bin).Select(Path.GetFileName).ToList();
        foreach (var assembly in new[] { "Uploads.Generators.dll", "Microsoft.OpenApi.dll", "Microsoft.OpenApi.YamlReader.dll", "SharpYaml.dll", "System.Text.Json.dll" })
        {
            Assert.DoesNotContain(assembly, shipped);
        }
        Assert.DoesNotContain(PackageFixture.PackageId, File.ReadAllText(Path.Combine(bin, "Consumer.deps.json")));

        var run = DotNetCli.Run(bin, TimeSpan.FromMinutes(2), Path.Combine(bin, "Consumer.dll"));
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Contains("read: upload_abc123 training_examples.jsonl 2147483648 Cancelled \"cancelled\"", run.Output);
        Assert.Contains("round trip: equal", run.Output);
        Assert.Contains("extensible: paused known=False", run.Output);
        Assert.Contains("client: upload_abc123 Cancelled", run.Output);
        Assert.Contains("ALL CHECKS PASSED", run.Output);
    }

    [Fact]
    public void An_OpenApiDocument_that_does_not_exist_is_a_build_error_naming_it()
    {
        var consumer = package.CreateConsumer("consumer-missing-document");
        File.WriteAllText(Path.Combine(consumer.Root, "Directory.Build.targets"), """
            <Project>
              <ItemGroup>
                <OpenApiDocument Include="openapi/missing.openapi.yaml" Namespace="Consumer.Missing" />
              </ItemGroup>
            </Project>
            """);

        var build = consumer.DotNet("build", "-c", "Release");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("OAGBUILD001", build.Output);
        Assert.Contains("missing.openapi.yaml", build.Output);
    }
}
