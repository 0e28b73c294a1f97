using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>
/// A parameter, request body or response in components whose schema is inline is one type, named after the component,
/// for every operation that uses it by $ref (directly or through a path item from components), not a copy per
/// operation named after each.
/// </summary>
public class SharedComponentTypesTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Shared, version: "1" }
        paths:
          /pets:
            get:
              operationId: listPets
              parameters:
                - $ref: '#/components/parameters/Direction'
              responses:
                '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
                '404': { $ref: '#/components/responses/NotFound' }
            post:
              operationId: createPet
              requestBody: { $ref: '#/components/requestBodies/NewPet' }
              responses:
                '201': { description: created }
                '404': { $ref: '#/components/responses/NotFound' }
          /owners: { $ref: '#/components/pathItems/Owners' }
        components:
          pathItems:
            Owners:
              get:
                operationId: listOwners
                parameters:
                  - $ref: '#/components/parameters/Direction'
                responses:
                  '404': { $ref: '#/components/responses/NotFound' }
              put:
                operationId: replaceOwners
                requestBody: { $ref: '#/components/requestBodies/NewPet' }
                responses:
                  '204': { description: done }
          parameters:
            Direction: { name: direction, in: query, schema: { type: string, enum: [asc, desc] } }
          requestBodies:
            NewPet:
              content:
                application/json:
                  schema: { type: object, required: [name], properties: { name: { type: string } } }
          responses:
            NotFound:
              description: not found
              content:
                application/json:
                  schema: { type: object, properties: { message: { type: string } } }
          schemas:
            Pet: { type: object, properties: { name: { type: string } } }
        """;

    private static readonly Lazy<GeneratorResult> Result = new(() => GeneratorHarness.Run(new SpecFile("/specs/shared.yaml", Spec)));

    [Fact]
    public void EachComponentIsOneTypeNamedAfterIt()
    {
        Assert.Empty(Result.Value.CompilationProblems());
        var api = Result.Value.Output.GlobalNamespace.GetNamespaceMembers().Single(n => n.Name == "Test").GetNamespaceMembers().Single(n => n.Name == "Api");
        var models = api.GetTypeMembers().Where(t => t.IsRecord || t.TypeKind == TypeKind.Enum).Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "Direction", "NewPetRequest", "NotFoundResponse", "Pet" }, models);
    }

    [Theory]
    [InlineData("ListPetsAsync", "Test.Api.Direction? direction")]
    [InlineData("ListOwnersAsync", "Test.Api.Direction? direction")]
    [InlineData("CreatePetAsync", "Test.Api.NewPetRequest? body")]
    [InlineData("ReplaceOwnersAsync", "Test.Api.NewPetRequest? body")]
    public void EveryOperationUsesTheComponentsType(string method, string parameter)
    {
        var symbol = Result.Value.Output.GetSymbolsWithName(method, SymbolFilter.Member).OfType<IMethodSymbol>().First(m => m.ContainingType.TypeKind == TypeKind.Interface);
        Assert.Contains(parameter, symbol.Parameters.Select(p => p.Type.ToDisplayString() + " " + p.Name));
    }

    [Fact]
    public void ASharedParametersNameTakenByASchemaGetsTheParameterWordNotANumber()
    {
        const string Taken = """
            openapi: 3.1.0
            info: { title: Taken, version: "1" }
            paths:
              /orders:
                get:
                  operationId: listOrders
                  parameters:
                    - $ref: '#/components/parameters/order'
                  responses:
                    '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } }
            components:
              parameters:
                order: { name: order, in: query, schema: { type: string, enum: [asc, desc] } }
              schemas:
                Order: { type: object, properties: { id: { type: string } } }
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/taken.yaml", Taken));
        Assert.Empty(result.CompilationProblems());
        Assert.Equal(TypeKind.Enum, result.Output.GetTypeByMetadataName("Test.Api.OrderParameter")?.TypeKind);
        Assert.True(result.Output.GetTypeByMetadataName("Test.Api.Order")?.IsRecord);
        var renamed = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "OAG007");
        Assert.Contains("'order' is generated as 'OrderParameter'", renamed.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOperationsReportTheSharedErrorType()
    {
        string clients = string.Concat(Result.Value.Sources.Where(s => s.HintName.EndsWith("Client.g.cs", StringComparison.Ordinal)).Select(s => s.SourceText.ToString()));
        Assert.Contains("ApiException<global::Test.Api.NotFoundResponse>(", clients, StringComparison.Ordinal);
        Assert.DoesNotContain("404Error", clients, StringComparison.Ordinal);
    }
}
