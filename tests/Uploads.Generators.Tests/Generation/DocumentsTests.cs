using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>Which files are documents, how their options apply, and nullability spellings OpenAPI.NET 3.11 drops.</summary>
public class DocumentsTests
{
    private const string Pets30 = """
        openapi: 3.0.3
        info: { title: Pets, version: "1" }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [owner, nickname]
              properties:
                owner:
                  nullable: true
                  allOf:
                    - $ref: '#/components/schemas/Owner'
                nickname: { type: string, nullable: true }
            Owner:
              type: object
              properties:
                name: { type: string }
        """;

    private const string Pets31 = """
        openapi: 3.1.0
        info: { title: Pets, version: "1" }
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [owner, nickname, tag, legacy]
              properties:
                owner:
                  anyOf:
                    - $ref: '#/components/schemas/Owner'
                    - type: 'null'
                nickname: { type: [string, 'null'] }
                tag:
                  oneOf:
                    - type: string
                    - type: 'null'
                legacy:
                  type: string
                  nullable: true
            Owner:
              type: object
              properties:
                name: { type: string }
        """;

    [Theory]
    [InlineData(Pets30)]
    [InlineData(Pets31)]
    public void EveryNullableSpellingBecomesANullableRequiredMember(string spec)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/pets.yaml", spec));
        Assert.Empty(result.CompilationProblems());
        var pet = result.Output.GetTypeByMetadataName("Test.Api.Pet")!;
        foreach (var property in pet.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared))
        {
            Assert.True(property.IsRequired, property.Name + " should be required");
            Assert.Equal(NullableAnnotation.Annotated, property.NullableAnnotation);
        }
        Assert.Contains(pet.GetMembers().OfType<IPropertySymbol>(), p => p.Name == "Owner" && p.Type.Name == "Owner");
    }

    [Fact]
    public void SeveralDocumentsCoexistInTheirOwnNamespaces()
    {
        var result = GeneratorHarness.Run(
            new SpecFile("/a/uploads.openapi.yaml", File.ReadAllText(Paths.UploadsSpec), Namespace: "First.Api"),
            new SpecFile("/b/uploads.openapi.yaml", File.ReadAllText(Paths.UploadsSpec), Namespace: "Second.Api"),
            new SpecFile("/c/pets.yaml", Pets30));
        Assert.Empty(result.CompilationProblems());
        Assert.NotNull(result.Output.GetTypeByMetadataName("First.Api.Upload"));
        Assert.NotNull(result.Output.GetTypeByMetadataName("Second.Api.Upload"));
        Assert.NotNull(result.Output.GetTypeByMetadataName("Test.Api.Pet"));
        Assert.Single(result.Sources, s => s.HintName.Contains("Runtime.OpenApiJson", StringComparison.Ordinal));
        Assert.Single(result.Sources, s => s.HintName.Contains("Runtime.OpenApiHttp", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSameNamespaceTwiceIsADiagnosticNotACrash()
    {
        var result = GeneratorHarness.Run(
            new SpecFile("/a/uploads.openapi.yaml", File.ReadAllText(Paths.UploadsSpec)),
            new SpecFile("/b/uploads.openapi.yaml", File.ReadAllText(Paths.UploadsSpec)));
        Assert.Null(result.RunResult.Exception);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "OAG012" && d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("/specs/config.yaml", "name: not an api\nversion: 1\n")]
    [InlineData("/specs/config.json", "{ \"info\": { \"openapi\": \"3.0.0\" } }")]
    [InlineData("/specs/readme.md", "openapi: 3.0.0\n")]
    public void FilesThatAreNotOpenApiDocumentsAreIgnored(string path, string text)
    {
        var result = GeneratorHarness.Run(new SpecFile(path, text));
        Assert.Empty(result.Sources);
        Assert.Empty(result.GeneratorDiagnostics);
    }

    [Fact]
    public void OpenApiGenerateFalseIgnoresADocument()
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/pets.yaml", Pets30, Generate: "false"));
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void TheRootKeyMayComeAfterOtherRootKeys()
    {
        string spec = "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: { type: string }\ninfo: { title: Late, version: '1' }\npaths: {}\nopenapi: 3.0.1\n";
        var result = GeneratorHarness.Run(new SpecFile("/specs/late.yaml", spec));
        Assert.NotNull(result.Output.GetTypeByMetadataName("Test.Api.Pet"));
    }

    [Fact]
    public void DescriptionsCannotBreakOutOfDocComments()
    {
        string hostile = "ends */ and </summary> & <b> \u2028 #error injected \u202E bidi";
        string spec = $$"""
            {
              "openapi": "3.0.3",
              "info": { "title": "Hostile", "version": "1" },
              "paths": {},
              "components": { "schemas": { "Thing": {
                "type": "object", "description": {{System.Text.Json.JsonSerializer.Serialize(hostile)}},
                "properties": { "name": { "type": "string", "description": {{System.Text.Json.JsonSerializer.Serialize(hostile + "\n#error second line")}} } }
              } } }
            }
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/hostile.json", spec));
        Assert.Empty(result.CompilationProblems());
        string source = result.Source("Test.Api.Thing.g.cs");
        Assert.Contains("&lt;/summary&gt; &amp; &lt;b&gt;", source);
        Assert.DoesNotContain("\u2028", source, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", source, StringComparison.Ordinal);
        Assert.Contains("&#x202E;", source, StringComparison.Ordinal);
        Assert.Contains("/// #error second line", source);
    }

    [SkippableFact]
    public void OpenAIsWholeDocumentCompilesWithoutWarnings()
    {
        Skip.IfNot(Paths.HasCorpus, Paths.SkipReasonWithoutCorpus);
        var result = GeneratorHarness.Run(new SpecFile("/corpus/openai/openapi.yaml", File.ReadAllText(Path.Combine(Paths.CorpusRoot, "openai", "openapi.yaml"))));
        Assert.Null(result.RunResult.Exception);
        Assert.Empty(result.CompilationProblems());
        Assert.True(GeneratedTypes.Count(result.Sources) > 1400);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("/corpus/openai/openapi.yaml", d.Location.GetLineSpan().Path));
    }
}
