using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>
/// Responses, request bodies, parameters and path items that are $refs to components: what is read from the tree itself
/// (3.1's legacy <c>nullable</c>, <c>x-enum-varnames</c>) is read at their targets, so they generate what the same text
/// written inline generates (the component's types are named after the component).
/// </summary>
public class ReferencedOperationPartsTests
{
    private const string Spec = """
        openapi: 3.1.0
        info: { title: Refs, version: "1" }
        paths:
          /inline:
            post:
              operationId: postInline
              parameters:
                - name: order
                  in: query
                  schema: { type: string, enum: [asc, desc], x-enum-varnames: [Ascending, Descending] }
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      required: [tag]
                      properties:
                        tag: { type: string, nullable: true }
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [note]
                        properties:
                          note: { type: string, nullable: true }
          /referenced:
            post:
              operationId: postReferenced
              parameters:
                - $ref: '#/components/parameters/Order'
              requestBody: { $ref: '#/components/requestBodies/Tagged' }
              responses:
                '200': { $ref: '#/components/responses/Noted' }
          /pathItem: { $ref: '#/components/pathItems/Noting' }
        components:
          parameters:
            Order:
              name: order
              in: query
              schema: { type: string, enum: [asc, desc], x-enum-varnames: [Ascending, Descending] }
          requestBodies:
            Tagged:
              content:
                application/json:
                  schema:
                    type: object
                    required: [tag]
                    properties:
                      tag: { type: string, nullable: true }
          responses:
            Noted:
              description: ok
              content:
                application/json:
                  schema:
                    type: object
                    required: [note]
                    properties:
                      note: { type: string, nullable: true }
          pathItems:
            Noting:
              get:
                operationId: getThroughPathItem
                responses:
                  '200': { $ref: '#/components/responses/Noted' }
        """;

    [Theory]
    [InlineData("PostInlineResponse", "Note")]
    [InlineData("PostInlineRequest", "Tag")]
    [InlineData("NotedResponse", "Note")]
    [InlineData("TaggedRequest", "Tag")]
    public void ANullablePropertyStaysNullableBehindAReference(string typeName, string propertyName)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/refs.yaml", Spec));
        Assert.Empty(result.CompilationProblems());

        var type = result.Output.GetTypeByMetadataName(GeneratorHarness.RootNamespace + "." + typeName);
        Assert.NotNull(type);
        var property = type!.GetMembers(propertyName).OfType<IPropertySymbol>().Single();
        Assert.True(property.IsRequired);
        Assert.Equal(NullableAnnotation.Annotated, property.Type.NullableAnnotation);
    }

    [Theory]
    [InlineData("PostInlineOrder")]
    [InlineData("Order")]
    public void EnumMemberNamesFromXEnumVarnamesHoldBehindAReference(string enumName)
    {
        var result = GeneratorHarness.Run(new SpecFile("/specs/refs.yaml", Spec));

        var type = result.Output.GetTypeByMetadataName(GeneratorHarness.RootNamespace + "." + enumName);
        Assert.NotNull(type);
        Assert.Equal(new[] { "Ascending", "Descending" }, type!.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToArray());
    }
}
