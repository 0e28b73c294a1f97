using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Composition;

/// <summary>allOf: a record that extends another gets its properties, and what it adds stays its own.</summary>
public class AllOfTests
{
    /// <summary>
    /// A schema that extends another and requires one of the inherited properties makes it required in itself only;
    /// the schema it extends keeps it optional. Both name orders, since components are read in ordinal order.
    /// </summary>
    [Theory]
    [InlineData("Base", "Extended")]
    [InlineData("Parent", "Child")]
    public void ARequirementAddedByAnExtendingSchemaStaysInIt(string parent, string child)
    {
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Shapes, version: "1" }
            paths: {}
            components:
              schemas:
                {{parent}}:
                  type: object
                  required: [id]
                  properties:
                    id: { type: string }
                    name: { type: string }
                {{child}}:
                  allOf:
                    - $ref: '#/components/schemas/{{parent}}'
                    - type: object
                      properties:
                        size: { type: integer }
                  required: [name]
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/shapes.yaml", spec));
        Assert.Empty(result.CompilationProblems());

        Assert.Equal(new[] { ("Id", true), ("Name", false) }, Members(result, parent));
        Assert.Equal(new[] { ("Id", true), ("Name", true), ("Size", false) }, Members(result, child));
    }

    private static (string Name, bool Required)[] Members(GeneratorResult result, string type) =>
        result.Output.GetTypeByMetadataName("Test.Api." + type)!.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsImplicitlyDeclared && p.DeclaredAccessibility == Accessibility.Public)
            .Select(p => (p.Name, p.IsRequired))
            .ToArray();
}
