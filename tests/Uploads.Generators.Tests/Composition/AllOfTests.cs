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

    /// <summary>
    /// A schema that extends one whose property refers back to it is no cycle: it gets every inherited property. When
    /// the referring schema came first in ordinal order, reading it used to reach the extending schema while the
    /// referring one was still being read, and reported an allOf cycle that dropped the inherited properties.
    /// </summary>
    [Theory]
    [InlineData("Node", "Tree")]
    [InlineData("Wrapper", "Base")]
    public void ASchemaExtendingOneThatRefersBackToItGetsEveryProperty(string referring, string extending)
    {
        string spec = $$"""
            openapi: 3.0.3
            info: { title: Shapes, version: "1" }
            paths: {}
            components:
              schemas:
                {{referring}}:
                  type: object
                  required: [id]
                  properties:
                    id: { type: string }
                    children:
                      type: array
                      items: { $ref: '#/components/schemas/{{extending}}' }
                {{extending}}:
                  allOf:
                    - $ref: '#/components/schemas/{{referring}}'
                    - type: object
                      properties:
                        depth: { type: integer }
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/shapes.yaml", spec));
        Assert.Empty(result.CompilationProblems());
        Assert.Empty(result.GeneratorDiagnostics);

        Assert.Equal(new[] { ("Id", true), ("Children", false) }, Members(result, referring));
        Assert.Equal(new[] { ("Id", true), ("Children", false), ("Depth", false) }, Members(result, extending));
    }

    /// <summary>
    /// A real allOf cycle is reported at the part that closes it: Egg (read first) inherits Hen, whose part back to Egg
    /// is dropped. Hen keeps what it declares itself; Egg gets that and its own.
    /// </summary>
    [Fact]
    public void AnAllOfCycleIsReportedAndEachSchemaKeepsItsOwnProperties()
    {
        const string spec = """
            openapi: 3.0.3
            info: { title: Shapes, version: "1" }
            paths: {}
            components:
              schemas:
                Egg:
                  allOf:
                    - $ref: '#/components/schemas/Hen'
                    - type: object
                      properties:
                        shell: { type: string }
                Hen:
                  allOf:
                    - $ref: '#/components/schemas/Egg'
                    - type: object
                      properties:
                        feathers: { type: integer }
            """;
        var result = GeneratorHarness.Run(new SpecFile("/specs/shapes.yaml", spec));
        Assert.Empty(result.CompilationProblems());

        var cycle = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("OAG008", cycle.Id);
        Assert.Contains("allOf cycle through 'Egg'", cycle.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { ("Feathers", false), ("Shell", false) }, Members(result, "Egg"));
        Assert.Equal(new[] { ("Feathers", false) }, Members(result, "Hen"));
    }

    private static (string Name, bool Required)[] Members(GeneratorResult result, string type) =>
        result.Output.GetTypeByMetadataName("Test.Api." + type)!.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsImplicitlyDeclared && p.DeclaredAccessibility == Accessibility.Public)
            .Select(p => (p.Name, p.IsRequired))
            .ToArray();
}
