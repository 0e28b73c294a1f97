using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>
/// A Swagger 2.0 operation's inline schemas are read where 2.0 writes them, not where OpenAPI.NET's 3.x shape puts them:
/// a query parameter is its own schema, a response's schema has no <c>content</c>, the request body is the
/// <c>in: body</c> parameter. So their <c>x-enum-varnames</c> (what only the text has) name the members.
/// </summary>
public class Swagger2OperationSchemasTests
{
    private const string Spec = """
        swagger: "2.0"
        info: { title: Two, version: "1" }
        consumes: [application/json]
        produces: [application/json]
        paths:
          /things:
            post:
              operationId: postThing
              parameters:
                - name: order
                  in: query
                  type: string
                  enum: [asc, desc]
                  x-enum-varnames: [Ascending, Descending]
                - $ref: '#/parameters/sort'
                - name: body
                  in: body
                  schema:
                    type: object
                    properties:
                      kind: { type: string, enum: [x, y], x-enum-varnames: [Ex, Why] }
              responses:
                '200':
                  description: ok
                  schema:
                    type: object
                    properties:
                      state: { type: string, enum: [on, off], x-enum-varnames: [Enabled, Disabled] }
        parameters:
          sort: { name: sort, in: query, type: string, enum: [new, old], x-enum-varnames: [Newest, Oldest] }
        """;

    [Theory]
    [InlineData("PostThingOrder", "Ascending", "Descending")]
    [InlineData("Sort", "Newest", "Oldest")]
    [InlineData("PostThingRequestKind", "Ex", "Why")]
    [InlineData("PostThingResponseState", "Enabled", "Disabled")]
    public void EnumMembersAreNamedByXEnumVarnames(string enumName, string first, string second)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/two.yaml", Spec));
        Assert.Empty(result.CompilationProblems());
        var type = result.Output.GetTypeByMetadataName(GeneratorHarness.RootNamespace + "." + enumName);
        Assert.NotNull(type);
        Assert.Equal(new[] { first, second }, type!.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToArray());
    }
}
