using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>Parameters that are $refs to components/parameters: read from their targets, described by the reference when it says more.</summary>
public class ParameterReferenceTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Refs, version: "1" }
        paths:
          /pets/{petId}:
            parameters:
              - $ref: '#/components/parameters/PetId'
              - $ref: '#/components/parameters/Limit'
            get:
              operationId: getPet
              parameters:
                - $ref: '#/components/parameters/Limit'
                  description: How many at most, from the reference.
                - name: verbose
                  in: query
                  schema: { type: boolean }
              responses:
                '200': { description: ok }
        components:
          parameters:
            PetId: { name: petId, in: path, required: true, description: The pet's id., schema: { type: string } }
            Limit: { name: limit, in: query, description: The page size., schema: { type: integer, format: int32 } }
        """;

    [Fact]
    public void ReferencedParametersAreReadFromTheirTargetsAndAnOperationsOwnOverridesThePathItems()
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/refs.yaml", Spec));
        Assert.Empty(result.CompilationProblems());

        var method = result.Output.GetSymbolsWithName("GetPetAsync", SymbolFilter.Member).OfType<IMethodSymbol>()
            .First(m => m.ContainingType.TypeKind == TypeKind.Interface);
        Assert.Equal(
            new[] { "string petId", "int? limit", "bool? verbose", "System.Threading.CancellationToken cancellationToken" },
            method.Parameters.Select(p => p.Type.ToDisplayString() + " " + p.Name).ToArray());

        string client = result.Sources.Single(s => s.SourceText.ToString().Contains("GetPetAsync(", StringComparison.Ordinal) && s.HintName.Contains("Client", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("<param name=\"petId\">The pet's id.</param>", client, StringComparison.Ordinal);
        Assert.Contains("<param name=\"limit\">How many at most, from the reference.</param>", client, StringComparison.Ordinal);
        Assert.DoesNotContain("The page size.", client, StringComparison.Ordinal);
    }
}
