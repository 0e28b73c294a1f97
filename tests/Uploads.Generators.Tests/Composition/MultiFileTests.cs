using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Composition;

/// <summary>External $refs resolved through the other AdditionalFiles, never the file system.</summary>
public class MultiFileTests
{
    private const string Root = """
        openapi: 3.0.3
        info: { title: Zoo, version: "1" }
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: array
                        items: { $ref: 'models/Pet.yaml' }
                default:
                  $ref: '../shared/responses.yaml#/Error'
          /keepers:
            get:
              operationId: listKeepers
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema: { $ref: 'models/Missing.yaml' }
        """;

    private const string Pet = """
        type: object
        required: [name, nickname]
        properties:
          name: { type: string }
          owner: { $ref: './Owner.yaml' }
        """;

    private const string Owner = """
        type: object
        properties:
          name: { type: string }
        """;

    private const string Responses = """
        Error:
          description: An error.
          content:
            application/json:
              schema:
                type: object
                required: [message]
                properties:
                  message: { type: string }
        """;

    private static GeneratorResult Run() => GeneratorHarness.Run(
        new SpecFile("/repo/api/zoo.yaml", Root),
        new SpecFile("/repo/api/models/Pet.yaml", Pet),
        new SpecFile("/repo/api/models/Owner.yaml", Owner),
        new SpecFile("/repo/shared/responses.yaml", Responses));

    [Fact]
    public void SchemasInOtherFilesBecomeNamedTypesAndResponsesAreCopiedIn()
    {
        var result = Run();
        Assert.Empty(result.CompilationProblems());
        var pet = result.Output.GetTypeByMetadataName("Test.Api.Pet")!;
        Assert.Equal("Owner", ((INamedTypeSymbol)((IPropertySymbol)pet.GetMembers("Owner").Single()).Type).Name);
        Assert.Contains("ApiException<global::Test.Api.ListPetsError>", result.Source("Test.Api.ZooClient.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsOag005AtTheRefAndProblemsInsideAFilePointIntoIt()
    {
        var result = Run();
        var missing = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG005");
        Assert.Equal("/repo/api/zoo.yaml", missing.Location.GetLineSpan().Path);
        Assert.Equal(24, missing.Location.GetLineSpan().StartLinePosition.Line);
        var required = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG006");
        Assert.Equal("/repo/api/models/Pet.yaml", required.Location.GetLineSpan().Path);
        Assert.Equal(1, required.Location.GetLineSpan().StartLinePosition.Line);
    }
}
