using Microsoft.CodeAnalysis;
using Uploads.Generators.Tests.Infrastructure;
using Xunit;

namespace Uploads.Generators.Tests.Generation;

/// <summary>The naming contract: hostile OpenAPI names become valid, deterministic C# names, and the result compiles.</summary>
public class NamingTests
{
    private const string Spec = """
        openapi: 3.0.3
        info: { title: naming test, version: "1" }
        paths: {}
        components:
          schemas:
            Task:
              type: object
              required: [class, 123-list, Task]
              properties:
                class: { type: string }
                123-list: { type: array, items: { type: string } }
                Task: { type: integer }
                "+1": { type: integer, format: int32 }
                "-1": { type: integer, format: int32 }
                "@timestamp": { type: string, format: date-time }
                "$ref": { type: string }
                to_string: { type: string }
                created_at: { type: string }
                createdAt: { type: string }
            Exception:
              type: object
              properties:
                system: { type: string }
                kind:
                  type: string
                  enum: [fine-tune, assistants_output, "1024x1024", "", ACH_DEBIT, a b, "a-b"]
            create_upload:
              type: object
              properties:
                id: { type: string }
            CreateUpload:
              type: object
              properties:
                id: { type: string }
            Nested:
              type: object
              properties:
                file:
                  allOf:
                    - $ref: '#/components/schemas/Task'
                  nullable: true
                list:
                  type: array
                  items:
                    type: object
                    properties:
                      name: { type: string, nullable: true }
                map:
                  type: object
                  additionalProperties:
                    type: integer
                    format: int32
                    nullable: true
                day: { type: string, format: date }
                id: { type: string, format: uuid }
                any: {}
                ratio: { type: number, format: float }
        """;

    private static readonly GeneratorResult Result = GeneratorHarness.Run(new SpecFile("/specs/naming.yaml", Spec));

    [Fact]
    public void GeneratedCodeCompilesWithoutWarnings()
    {
        Assert.Null(Result.RunResult.Exception);
        Assert.Empty(Result.CompilationProblems());
    }

    [Fact]
    public void BclNamedSchemasAndHostilePropertyNamesGetValidNames()
    {
        var task = Type("Test.Api.Task");
        Assert.Equal(
            new[] { "Class", "_123List", "TaskValue", "Plus1", "Minus1", "Timestamp", "Ref", "ToStringValue", "CreatedAt", "CreatedAt2" },
            task.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared).Select(p => p.Name).ToArray());
        Assert.True(task.GetMembers("Class").OfType<IPropertySymbol>().Single().IsRequired);
        Assert.True(task.GetMembers("TaskValue").OfType<IPropertySymbol>().Single().IsRequired);
        Assert.NotNull(Type("Test.Api.Exception"));
    }

    [Fact]
    public void EnumValuesBecomeMembersInSpecOrder()
    {
        var kind = Type("Test.Api.ExceptionKind");
        Assert.Equal(TypeKind.Enum, kind.TypeKind);
        Assert.Equal(
            new[] { "FineTune", "AssistantsOutput", "_1024x1024", "Empty", "AchDebit", "AB", "AB2" },
            kind.GetMembers().OfType<IFieldSymbol>().Select(f => f.Name).ToArray());
    }

    [Fact]
    public void NamesThatCollideAfterConversionAreNumberedAndReported()
    {
        Assert.NotNull(Type("Test.Api.CreateUpload"));
        Assert.NotNull(Type("Test.Api.CreateUpload2"));
        Assert.Contains(Result.GeneratorDiagnostics, d => d.Id == "OAG007" && d.GetMessage().Contains("'CreateUpload2'"));
        Assert.Contains(Result.GeneratorDiagnostics, d => d.Id == "OAG007" && d.GetMessage().Contains("'CreatedAt2'"));
    }

    [Fact]
    public void ValueTypesAndNullabilityFollowTheSchema()
    {
        var nested = Type("Test.Api.Nested");
        string TypeOf(string name) => nested.GetMembers(name).OfType<IPropertySymbol>().Single().Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes));
        Assert.Equal("global::Test.Api.Task?", TypeOf("File"));
        Assert.Equal("global::System.Collections.Generic.IReadOnlyList<global::Test.Api.NestedListItem>?", TypeOf("List"));
        Assert.Equal("global::System.Collections.Generic.IReadOnlyDictionary<string, int?>?", TypeOf("Map"));
        Assert.Equal("global::System.DateOnly?", TypeOf("Day"));
        Assert.Equal("global::System.Guid?", TypeOf("Id"));
        Assert.Equal("global::System.Text.Json.JsonElement?", TypeOf("Any"));
        Assert.Equal("float?", TypeOf("Ratio"));
        Assert.Equal("string?", Type("Test.Api.NestedListItem").GetMembers("Name").OfType<IPropertySymbol>().Single().Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat.WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier | SymbolDisplayMiscellaneousOptions.UseSpecialTypes)));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var again = GeneratorHarness.Run(new SpecFile("/specs/naming.yaml", Spec));
        Assert.Equal(
            Result.Sources.Select(s => s.HintName + "\n" + s.SourceText),
            again.Sources.Select(s => s.HintName + "\n" + s.SourceText));
    }

    private static INamedTypeSymbol Type(string metadataName) =>
        Result.Output.GetTypeByMetadataName(metadataName) ?? throw new Xunit.Sdk.XunitException(metadataName + " was not generated");
}
